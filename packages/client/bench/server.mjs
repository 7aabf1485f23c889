// Benchmark server, run in its own process: a ~500-byte dubbing record for any GET of a record, and
// for /poll/<n> a job that stays `processing` until `completeAt`, counting every request. The dubbing
// list (allRecords) pages through the same poll-0…poll-999 jobs: the client's tracker reads them there.
import { createServer } from 'node:http';

const record = JSON.stringify({
  code: 0,
  data: {
    _id: '66ea4dd87db10c73fa29b570',
    name: 'bench',
    current_status: 'completed',
    source_lang: 'auto',
    target_lang: 'en',
    num_speakers: 1,
    drop_background_audio: false,
    duration: 51,
    faild_message: '',
    deleted: false,
    __v: 0,
    source_url: 'https://dh24as48lv9ce.cloudfront.net/adam2eve/stable/user_voice_clone/b89f5b2e/audio.WAV',
    result_url: 'https://dh24as48lv9ce.cloudfront.net/dubbing_beta/GdVzeatVpmYRR3vE01nA_9714_en.mp3',
    user_id: '665da3d7bcf6ab778bad0f6a',
    createdAt: '2024-09-18T03:49:44.704Z',
    updatedAt: '2024-09-18T03:56:35.087Z',
  },
});
let polls = 0;
let completeAt = Infinity;
const server = createServer((req, res) => {
  if (req.url === '/stats') return res.end(JSON.stringify({ polls }));
  if (req.url?.startsWith('/reset/')) {
    polls = 0;
    completeAt = Date.now() + Number(req.url.slice(7));
    return res.end('{}');
  }
  if (req.url?.startsWith('/api/v1/userDubbing/allRecords')) {
    polls++;
    const q = new URL(req.url, 'http://x').searchParams;
    const size = Number(q.get('pageSize') ?? 10);
    const first = (Number(q.get('pageNum') ?? 1) - 1) * size;
    const status = Date.now() >= completeAt ? 'completed' : 'processing';
    const rows = Array.from({ length: Math.max(0, Math.min(size, 1000 - first)) }, (_, i) => ({
      _id: `poll-${first + i}`,
      current_status: status,
    }));
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ code: 0, data: { rows, count: 1000 } }));
  }
  if (req.url?.startsWith('/api/v1/userDubbing/poll-')) {
    polls++;
    const status = Date.now() >= completeAt ? 'completed' : 'processing';
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ code: 0, data: { _id: req.url.slice(20), current_status: status } }));
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(record) });
  res.end(record);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
