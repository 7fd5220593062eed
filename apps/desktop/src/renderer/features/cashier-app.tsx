import type { TillPorts } from './ports';

export interface CashierAppProps {
  ports: TillPorts;
}

/** The cashier's workflow, mounted by the shell with the till's data layer and host behind `ports`. */
export function CashierApp({ ports }: CashierAppProps) {
  return (
    <main aria-label="Comanda till">
      <p role="status">Loading {ports.device.branchId}…</p>
    </main>
  );
}
