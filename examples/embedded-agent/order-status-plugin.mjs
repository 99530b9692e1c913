import { BaseTool, definePlugin, ToolError } from '@agentry/core';

/**
 * @typedef {object} Order
 * @property {string} status   Where the order is, e.g. `shipped`.
 * @property {string} carrier  Who delivers it.
 * @property {string} eta      Expected delivery date (ISO 8601).
 */

/**
 * The application's own data: in a real app this is your database or service. The tool below is the only
 * way the agent can see it.
 * @type {ReadonlyMap<string, Order>}
 */
export const orders = new Map([
  ['A-1001', { status: 'shipped', carrier: 'Parcelo', eta: '2026-12-02' }],
  ['A-1002', { status: 'packing', carrier: 'Parcelo', eta: '2026-12-05' }],
]);

/**
 * `order_status`: looks an order up by its id. Parameters are plain JSON Schema (typebox produces the same).
 * @extends {BaseTool<{ orderId: string }, Record<string, never>, Order & { orderId: string }>}
 */
export class OrderStatusTool extends BaseTool {
  name = 'order_status';
  description =
    'Looks up an order by its id (like A-1001) and returns its status, carrier and delivery date.';
  parameters = {
    type: 'object',
    properties: { orderId: { type: 'string', pattern: '^A-\\d{4}$', description: 'Order id, e.g. A-1001.' } },
    required: ['orderId'],
    additionalProperties: false,
  };
  /** @override MCP hints: it only reads. */
  annotations = { readOnlyHint: true, openWorldHint: false };

  /**
   * @param {{ orderId: string }} params
   * @param {import('@agentry/core').ToolContext} context
   */
  async execute(params, context) {
    const order = orders.get(params.orderId);
    if (!order) {
      // A ToolError reaches the model as an observation it can act on, not as a crash.
      throw new ToolError('INVALID_ARGUMENTS', this.name, `No order ${params.orderId}; check the id.`, {
        issues: [{ pointer: '/orderId', message: `known ids: ${[...orders.keys()].join(', ')}` }],
      });
    }
    context.logger.debug({ orderId: params.orderId }, 'order looked up');
    return { orderId: params.orderId, ...order };
  }
}

/** The plugin handed to `createAgentry({ plugins })`: no package, no tools directory needed. */
export const orderStatusPlugin = definePlugin({
  name: 'example-order-status',
  version: '0.1.0',
  tools: [OrderStatusTool],
});
