// pino-roll ships JavaScript only; the part of its API the host log uses.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    extension?: string;
    mkdir?: boolean;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    sync?: boolean;
  }
  export default function pinoRoll(
    options: PinoRollOptions,
  ): Promise<DestinationStream & NodeJS.EventEmitter & { end(): void; flushSync(): void }>;
}
