/** Raw facts about where this process runs; core/runtime decides what they mean. */
export interface RuntimeSignals {
  dockerenvExists: boolean;
  env: Record<string, string | undefined>;
  /** Content of /proc/1/cgroup (or /proc/self/cgroup); empty when unreadable. */
  cgroup: string;
  /** Content of /proc/self/mountinfo lines mentioning containers, for cgroup v2 hosts; may be empty. */
  mountinfo: string;
  hostname: string;
}

export interface RuntimeSignalsPort {
  read(): Promise<RuntimeSignals>;
}
