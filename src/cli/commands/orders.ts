/**
 * `discogs orders list|show`.
 *
 * @module
 */

import { str } from "../args";
import type { CommandContext } from "../context";
import type { Hints } from "../errors";
import { UsageError } from "../exit";
import { MESSAGES_VIEW, ORDERS_VIEW, ORDER_VIEW, limitOf, sortOrder, take } from "./views";

/** Hints per command for errors. */
export const hints: Record<string, Hints> = {
  "orders show": { notFound: "no such order: discogs orders list shows your orders (ids look like 1-1)" },
};

/** `discogs orders list` */
export async function list(ctx: CommandContext): Promise<void> {
  ctx.requireAuth("orders list");
  const { limit, perPage } = limitOf(ctx);
  const params: Record<string, unknown> = { per_page: perPage };
  const status = str(ctx.opts, "status");
  if (status !== undefined) params.status = status;
  const sort = str(ctx.opts, "sort");
  if (sort !== undefined) params.sort = sort;
  const order = sortOrder(ctx);
  if (order) params.sort_order = order;
  const after = str(ctx.opts, "created-after");
  if (after !== undefined) params.created_after = after;
  const before = str(ctx.opts, "created-before");
  if (before !== undefined) params.created_before = before;
  const archived = str(ctx.opts, "archived");
  if (archived !== undefined) {
    if (archived !== "true" && archived !== "false")
      throw new UsageError(`--archived must be true or false, got ${JSON.stringify(archived)}`);
    params.archived = archived === "true";
  }
  const client = await ctx.client();
  const items = client.marketplace.orders.list(params as never, { signal: ctx.signal });
  await ctx.out.list(take(items, limit), ORDERS_VIEW);
}

/** `discogs orders show <id> [--messages]` */
export async function show(ctx: CommandContext): Promise<void> {
  ctx.requireAuth("orders show");
  const id = ctx.args[0]!.trim();
  if (!/^[1-9]\d*-[1-9]\d*$/.test(id))
    throw new UsageError(`expected an order id such as 1-1, got ${JSON.stringify(id)}`);
  const client = await ctx.client();
  if (ctx.opts.messages) {
    const items = client.marketplace.orders.get(id).messages.list({}, { signal: ctx.signal });
    await ctx.out.list(take(items, undefined), MESSAGES_VIEW);
    return;
  }
  await ctx.out.object(await client.marketplace.orders.get(id, { signal: ctx.signal }), ORDER_VIEW);
}
