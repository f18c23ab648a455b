/**
 * Who holds a lease: a worker's stable identity (its role instance: WORKER_ID, or host and
 * role) and its incarnation (this run of the process). A restarted worker knows that leases
 * held under its identity by an earlier incarnation are its dead predecessor's, and takes
 * them back at once rather than waiting for them to run out.
 */
export interface LeaseHolder {
  worker: string;
  incarnation: string;
}
