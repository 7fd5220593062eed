/** What `auth.signIn` and `auth.refresh` answer. */
export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string; orgId: string; email: string; name: string; role: string };
}

/** A place for the refresh token that survives a page reload (the tab's sessionStorage). */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const REFRESH_KEY = 'comanda.backoffice.refresh';

/**
 * The signed-in owner's tokens. The access token lives in memory only (never in storage, never in
 * a URL); the refresh token in the tab's sessionStorage so a reload can resume. Refreshing is
 * single-flight: the server revokes the whole family when a spent refresh token is used again,
 * so two parallel refreshes with one token would sign the owner out.
 */
export class Session {
  private tokens: SessionTokens | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: TokenStorage | null,
    private readonly exchange: (refreshToken: string) => Promise<SessionTokens>,
  ) {}

  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  get user(): SessionTokens['user'] | null {
    return this.tokens?.user ?? null;
  }

  /** The refresh token to resume with or sign out with. */
  get refreshToken(): string | null {
    return this.tokens?.refreshToken ?? this.storage?.getItem(REFRESH_KEY) ?? null;
  }

  accept(tokens: SessionTokens): void {
    this.tokens = tokens;
    this.storage?.setItem(REFRESH_KEY, tokens.refreshToken);
    this.emit();
  }

  clear(): void {
    this.tokens = null;
    this.storage?.removeItem(REFRESH_KEY);
    this.emit();
  }

  /** Trades the refresh token for a new pair; on refusal the session ends (sign in again). */
  refresh(): Promise<void> {
    const token = this.refreshToken;
    if (!token) return Promise.reject(new Error('Not signed in'));
    this.refreshing ??= this.exchange(token)
      .then(
        (tokens) => this.accept(tokens),
        (error: unknown) => {
          this.clear();
          throw error;
        },
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
