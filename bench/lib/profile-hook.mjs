// Preloaded into the muon server by bench/profile.sh (node --import): each SIGUSR2
// toggles the V8 CPU profiler, so that a profile covers exactly one benchmark phase.
// Profiles go to $MUON_PROFILE_DIR/phase-<n>.cpuprofile. Benchmark use only.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const dir = process.env.MUON_PROFILE_DIR ?? '.';
const session = new Session();
session.connect();
let running = false;
let n = 0;
const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));

process.on('SIGUSR2', async () => {
  if (!running) {
    running = true;
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: Number(process.env.MUON_PROFILE_INTERVAL_US ?? 250) });
    await post('Profiler.start');
  } else {
    running = false;
    const { profile } = await post('Profiler.stop');
    const file = `${dir}/phase-${++n}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    writeFileSync(`${file}.done`, '');
  }
});
