import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../errors/unprocessable-error';
import type { TriggerCreate } from '../../models/trigger';
import { reply } from '../../testing/index';
import { startWorkflowTestKit, type WorkflowTestKit } from '../workflow-test-kit.test-support';

let kit: WorkflowTestKit;

beforeEach(async () => {
  kit = await startWorkflowTestKit();
});
afterEach(async () => {
  await kit.close();
});

const description = 'When an email arrives from invoices@example.com, summarise it.';
const inputs = { invoice: { description: 'The invoice email text' } };
const steps = [{ id: 'summarise', tool: 'echo', parameters: { value: 'Summary of {inputs.invoice}' } }];
const emailTrigger = {
  kind: 'email',
  name: 'invoice-mail',
  email: { filter: { from: 'invoices@example.com' } },
  input: { invoice: '{event.body}' },
};

describe('the workflow drafter proposes a trigger', () => {
  it('proposes an email trigger mapping {event.body} for "when an email arrives", creatable once the workflow is saved', async () => {
    kit.ollama.enqueue(reply.json({ steps, trigger: emailTrigger }));
    const draft = await kit.agentry.workflows.draft({ description, inputs, proposeTrigger: true });
    expect(draft).toEqual({
      steps,
      trigger: {
        kind: 'email',
        name: 'invoice-mail',
        input: { invoice: '{event.body}' },
        email: { configScope: { scope: 'tool' }, mailbox: 'INBOX', filter: { from: 'invoices@example.com' } },
      },
    });
    const request = kit.ollama.chatRequests()[0];
    const system = request?.messages?.[0]?.content ?? '';
    expect(system).toContain('{event.body} - the plain-text body');
    expect(system).toContain('"kind": "webhook"');
    expect(request?.format).toMatchObject({
      properties: { trigger: { anyOf: [{ properties: { input: { properties: { invoice: {} } } } }, {}] } },
    });
    expect(await kit.agentry.triggers.list()).toMatchObject({ items: [] });

    await kit.agentry.workflows.create({ name: 'invoices', description, inputs, steps: draft.steps });
    // As POST /api/v1/triggers takes it: the proposal plus the target; the service fills the defaults.
    const body = { ...draft.trigger, target: { kind: 'workflow', name: 'invoices' } } as TriggerCreate;
    const created = await kit.agentry.triggers.create(body);
    expect(created).toMatchObject({ kind: 'email', input: { invoice: '{event.body}' } });
  });

  it('proposes a webhook trigger whose payload variables follow its payload schema', async () => {
    const webhookTrigger = {
      kind: 'webhook',
      name: 'contact-form',
      webhook: { payloadSchema: { type: 'object', properties: { message: { type: 'string' } } } },
      input: { invoice: '{event.payload.message}' },
    };
    kit.ollama.enqueue(reply.json({ steps, trigger: webhookTrigger }));
    const draft = await kit.agentry.workflows.draft({
      description: 'When the contact form is submitted, summarise the message.',
      inputs,
      proposeTrigger: true,
    });
    expect(draft.trigger).toEqual(webhookTrigger);
  });

  it('proposes no trigger when the description names no event', async () => {
    kit.ollama.enqueue(reply.json({ steps }));
    const draft = await kit.agentry.workflows.draft({
      description: 'Summarise the invoice.',
      inputs,
      proposeTrigger: true,
    });
    expect(draft).toEqual({ steps });
  });

  it('sends an invalid proposal back with its problems and keeps the corrected one', async () => {
    const invalid = {
      ...emailTrigger,
      email: { mailbox: 'INBOX' },
      input: { invoice: '{event.text}', sender: '{event.from}' },
    };
    kit.ollama.enqueue(reply.json({ steps, trigger: invalid }), reply.json({ steps, trigger: emailTrigger }));
    const draft = await kit.agentry.workflows.draft({ description, inputs, proposeTrigger: true });
    expect(draft.trigger).toMatchObject({ input: { invoice: '{event.body}' } });
    const correction = kit.ollama.chatRequests()[1]?.messages?.at(-1)?.content ?? '';
    expect(correction).toContain("/trigger/input/invoice: {event.text}: a email event has no field 'text'");
    expect(correction).toContain("/trigger/input/sender: 'sender' is not an input of this workflow");
    expect(correction).toContain('"trigger"?');
  });

  it('fails with the trigger problems when the corrected proposal is still invalid', async () => {
    const unmapped = { ...emailTrigger, input: {} };
    const wrongOptions = { ...emailTrigger, webhook: {} };
    kit.ollama.enqueue(
      reply.json({ steps, trigger: unmapped }),
      reply.json({ steps, trigger: wrongOptions }),
    );
    const error = await kit.agentry.workflows
      .draft({ description, inputs, proposeTrigger: true })
      .catch((caught: unknown) => caught);
    expect(UnprocessableError.isInstance(error)).toBe(true);
    expect((error as UnprocessableError).issues).toEqual([
      { pointer: '/trigger/webhook', message: 'webhook options apply to webhook triggers only' },
    ]);
    expect(kit.ollama.chatRequests()[1]?.messages?.at(-1)?.content).toContain(
      "/trigger/input/invoice: workflow input 'invoice' is required (it has no default)",
    );
  });

  it('ignores a trigger unless asked to propose one, as creating a workflow from its description does', async () => {
    kit.ollama.enqueue(reply.json({ steps, trigger: { kind: 'nonsense' } }));
    const workflow = await kit.agentry.workflows.create({ name: 'invoices', description, inputs });
    expect(workflow).toMatchObject({ generated: true, steps });
    const request = kit.ollama.chatRequests()[0];
    expect(request?.messages?.[0]?.content).not.toContain('{event.body}');
    expect(request?.format).not.toHaveProperty('properties.trigger');
  });
});
