import express from 'express';

/** The baseline for intake throughput: Express reading the same body and answering 200, doing nothing else. */
const app = express();
app.post('/webhooks/centra', express.raw({ type: () => true, limit: 1_048_576 }), (_req, res) => {
  res.status(200).json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(JSON.stringify({ ready: true, port: typeof address === 'object' && address ? address.port : 0 }));
});
