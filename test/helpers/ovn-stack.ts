import { missingForStack } from '../../src/sandbox/ovn-paths.ts';
import { alive, deleteNetns, listNetns } from '../../src/sandbox/netns.ts';
import { OvnStack, type ProviderNetworkOptions } from '../../src/sandbox/ovn-stack.ts';

export { OvnStack } from '../../src/sandbox/ovn-stack.ts';

/**
 * Why end-to-end OVN tests cannot run here (not root, OVN/OVS/busybox/ethtool
 * missing), or false. With MUON_REQUIRE_OVN=1 (.ci/run) a missing
 * prerequisite fails the run instead of skipping it.
 */
export function stackSkipReason(): string | false {
  const missing = missingForStack();
  if (missing.length === 0) return false;
  const reason = `end-to-end OVN tests need ${missing.join(', ')}: run as root after scripts/setup-ovn.sh`;
  if (process.env.MUON_REQUIRE_OVN === '1') throw new Error(`${reason} (MUON_REQUIRE_OVN=1)`);
  console.log(`# skipped: ${reason}`);
  return reason;
}

/**
 * Starts a stack whose namespace names are unique to this test process
 * (`moe-<tag><pid>-`), so parallel runs never collide. Stop it in `after`;
 * it is also stopped if the process exits first. `provider` adds the
 * provider network (br-ex on every chassis, the outside namespace).
 */
export async function startTestStack(tag: string, chassis: readonly string[], provider?: ProviderNetworkOptions): Promise<OvnStack> {
  await sweepDeadRuns(tag);
  const stack = await OvnStack.start({ prefix: `moe-${tag}${process.pid}-`, chassis, provider });
  LIVE.add(stack);
  return stack;
}

/** Stops a stack started by startTestStack; keeps its directory (logs) when the test failed. */
export async function stopTestStack(stack: OvnStack | undefined, options: { keepLogs?: boolean } = {}): Promise<void> {
  if (!stack) return;
  LIVE.delete(stack);
  await stack.stop({ keepDir: options.keepLogs });
}

/**
 * Namespaces left by an earlier run of this test whose process is gone (it
 * was killed before its teardown): their processes and the namespaces go.
 */
async function sweepDeadRuns(tag: string): Promise<void> {
  const pattern = new RegExp(`^moe-${tag}(\\d+)-`);
  for (const name of listNetns(`moe-${tag}`)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) await deleteNetns(name);
  }
}

const LIVE = new Set<OvnStack>();
// A runner that times out exits without awaiting the after hooks: tear down synchronously.
process.once('exit', () => { for (const stack of LIVE) stack.stopSync(); });
// Last resort on Ctrl-C or a crash: the namespaces and daemons must not outlive the run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { void Promise.all([...LIVE].map((s) => s.stop())).finally(() => process.exit(130)); });
}
