import express, { type Router } from 'express';
import { z } from 'zod';
import { seedNewsletter, type SimData } from './centra-simulator/index.js';

const SignUpBody = z.object({ email: z.string().trim().min(3).max(255).includes('@') });

/**
 * Sandbox controls for what Centra sends no webhook for: a footer-form sign-up and an unsubscribe. The service sees
 * them on its next newsletter poll (NEWSLETTER_POLL_MINUTES, or `npx centra-ometria sync newsletter`).
 */
export function newsletterRouter(data: SimData): Router {
  if (data.newsletterSubscriptions.size === 0) seedNewsletter(data);
  const router = express.Router();
  router.get('/sandbox/newsletter', (_req, res) => {
    res.json({ subscriptions: data.newsletterSubscriptions.values() });
  });
  router.post('/sandbox/newsletter', express.json(), (req, res) => {
    const body = SignUpBody.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: 'body must be {"email": "…"}' });
      return;
    }
    res.status(201).json(data.newsletterSubscriptions.signUp(body.data.email));
  });
  router.post('/sandbox/newsletter/:id/deactivate', (req, res) => {
    const id = Number(req.params.id);
    if (!data.newsletterSubscriptions.has(id)) {
      res.status(404).json({ error: `no newsletter subscription ${req.params.id}` });
      return;
    }
    res.json(data.newsletterSubscriptions.deactivate(id));
  });
  return router;
}
