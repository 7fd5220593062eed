/**
 * Turns the live stream's notices for one collection into pulls: at most one pull in flight and
 * one queued (decision 0018). A notice while idle asks for a pull at once; notices while a pull is
 * asked for but not started are served by it (it reads from the checkpoint after they arrived);
 * notices while it runs ask for exactly one more, once it ends, since the change they announce may
 * have committed after the running pull read. So a burst of notices costs at most two pulls, and
 * a notice is never left without a pull that starts after it.
 *
 * Why not poke RxDB on every notice: each 'RESYNC' given to RxDB's pull stream also makes its
 * upstream scan the local store for unpushed writes, queued behind the push in flight, and RxDB
 * holds every downstream event until the upstream is idle. With four tills a line a second, a till
 * heard four notices a second and its pulls and pushes waited behind rescans.
 */
export class PullTrigger {
  private state: 'idle' | 'asked' | 'pulling' = 'idle';
  private queued = false;

  /** `pull` asks the replication for a pull from its checkpoint (RxDB: 'RESYNC' on its stream). */
  constructor(private readonly pull: () => void) {}

  /** The live stream named this collection (or said 'RESYNC'). */
  notice(): void {
    if (this.state === 'idle') this.ask();
    else if (this.state === 'pulling') this.queued = true;
  }

  /**
   * The stream (re)started or the server says notices may have been missed: a pull is asked for
   * even if one was asked for and has not started yet (whatever kept it from starting, this one
   * does not wait behind it); during a pull, one is queued as for a notice.
   */
  resync(): void {
    if (this.state === 'pulling') this.queued = true;
    else this.ask();
  }

  /** The replication's pull handler was called (whoever asked for it: a notice, start-up, reSync). */
  started(): void {
    this.state = 'pulling';
  }

  /**
   * The pull handler returned (`last`: a short page, the pull is over) or threw (the replication
   * retries the same pull: still pulling).
   */
  answered(last: boolean): void {
    if (!last || this.state !== 'pulling') return;
    this.state = 'idle';
    if (this.queued) {
      this.queued = false;
      this.ask();
    }
  }

  private ask(): void {
    this.state = 'asked';
    this.pull();
  }
}
