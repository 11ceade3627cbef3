/**
 * `client.marketplace.orders`: the seller's orders and their messages.
 *
 * @module
 */

import type { Discogs } from "../../client";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import {
  oneOf,
  optBoolean,
  optNonNegative,
  optString,
  optionsObject,
  orderId,
  path,
} from "../../core/params";
import type { RequestOptions } from "../../core/transport";
import { pageSchema } from "../../models/common";
import { OrderMessageSchema, OrderSchema, type Order, type OrderMessage } from "../../models/marketplace";
import { getLoader } from "../helpers";
import { APIResource } from "../resource";
import { listQuery, type PageParams, type SortParams } from "../users/shared";

// The order statuses live with the models (orders carry them too); re-exported here.
import { ORDER_STATUSES, type OrderStatus } from "../../models/values";
export { ORDER_STATUSES, type OrderStatus };

/** Values of the order list's `status` filter: the statuses above plus a few that only filter. */
export const ORDER_FILTER_STATUSES = [
  "All",
  ...ORDER_STATUSES,
  "Merged",
  "Order Changed",
  "Cancelled",
  "Cancelled (Refund Received)",
] as const;
/** An order list `status` filter value. */
export type OrderFilterStatus = (typeof ORDER_FILTER_STATUSES)[number];

/** Sort keys of `GET /marketplace/orders`. */
export const ORDER_SORTS = ["id", "buyer", "created", "status", "last_activity"] as const;
/** An order sort key. */
export type OrderSort = (typeof ORDER_SORTS)[number];

/** Filters, sorting and paging of `client.marketplace.orders.list`. */
export interface OrderListParams extends SortParams<OrderSort> {
  /** Status filter. @default all statuses */
  status?: OrderFilterStatus;
  /** Only orders created after this time: a `Date` or an ISO 8601 string such as `"2019-06-24T20:58:58Z"`. */
  created_after?: string | Date;
  /** Only orders created before this time: a `Date` or an ISO 8601 string. */
  created_before?: string | Date;
  /** `true` for archived orders only, `false` for unarchived only. @default both */
  archived?: boolean;
}

/** Body of `client.marketplace.orders.update`: a new `status` **or** a `shipping` price, not both. */
export interface OrderUpdateParams {
  /** The new status; must be one of the order's `next_status`. */
  status?: OrderStatus;
  /** Shipping price in the order's currency; invoices the buyer (status becomes "Invoice Sent"). */
  shipping?: number;
}

/** Body of `client.marketplace.orders.get(id).messages.create`: a `message`, a `status`, or both. */
export interface OrderMessageCreateParams {
  /** The message text. */
  message?: string;
  /** A new order status; Discogs prefixes the message with "Seller changed status from Old to New". */
  status?: OrderStatus;
}

/** A `Date` as Discogs' ISO 8601 form (seconds, `Z`), a string as given. */
function isoTime(name: string, value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${name} is an invalid Date`);
    return value.toISOString().replace(/\.\d{3}Z$/, "Z");
  }
  const s = optString(name, value);
  if (s !== undefined && s.trim() === "")
    throw new TypeError(`${name} must be a Date or a non-empty ISO 8601 string`);
  return s;
}

const OrdersPageSchema = pageSchema("orders", OrderSchema);
const MessagesPageSchema = pageSchema("messages", OrderMessageSchema);

/** `client.marketplace.orders` */
export class Orders extends APIResource {
  /**
   * The seller's orders (`GET /marketplace/orders`, needs a user); a paginator.
   *
   * @example
   * ```ts
   * for await (const order of client.marketplace.orders.list({ status: "Payment Received" })) {
   *   console.log(`Order ${order.id}: ${order.status}`);
   * }
   * ```
   */
  list(params?: OrderListParams, options?: RequestOptions): Paginator<Order> {
    const p = optionsObject("params", params);
    return this._client._paginate({
      path: "/marketplace/orders",
      query: {
        ...listQuery(p, ORDER_SORTS),
        status: oneOf("status", p.status, ORDER_FILTER_STATUSES),
        created_after: isoTime("created_after", p.created_after),
        created_before: isoTime("created_before", p.created_before),
        archived: optBoolean("archived", p.archived),
      },
      schema: OrdersPageSchema,
      items: (page: { orders: Order[] }) => page.orders,
      options,
    });
  }

  /**
   * An order (`GET /marketplace/orders/{id}`, seller only), fetched when awaited. Order ids are strings such as
   * `"1-1"`. `.messages` never fetches the order.
   *
   * @example
   * ```ts
   * const order = await client.marketplace.orders.get("1-1");
   * console.log(order.status, order.next_status);
   * ```
   */
  get(id: string, options?: RequestOptions): OrderResource {
    return new OrderResource(this._client, orderId("id", id), options);
  }

  /**
   * Changes an order's `status` or sets its `shipping` price (`POST /marketplace/orders/{id}`, seller only).
   * Discogs takes one of the two per request, so passing both (or neither) is a TypeError. Returns the updated
   * order. Marked idempotent (retried like a GET): repeating it sets the same value.
   *
   * @example
   * ```ts
   * const order = await client.marketplace.orders.update("1-1", { status: "Shipped" });
   * await client.marketplace.orders.update("1-2", { shipping: 5 });
   * ```
   */
  update(id: string, params: OrderUpdateParams, options?: RequestOptions): Promise<Order> {
    const oid = orderId("id", id);
    const p = optionsObject("params", params);
    const status = oneOf("status", p.status, ORDER_STATUSES);
    const shipping = optNonNegative("shipping", p.shipping);
    if (status !== undefined && shipping !== undefined) {
      throw new TypeError(
        "params must set either status or shipping, not both (Discogs takes one per request)",
      );
    }
    if (status === undefined && shipping === undefined)
      throw new TypeError("params must set status or shipping");
    return this._client._request({
      method: "POST",
      path: path`/marketplace/orders/${oid}`,
      body: status !== undefined ? { status } : { shipping },
      idempotent: true,
      schema: OrderSchema,
      options,
    });
  }
}

/** A lazy order: `await` it for the {@link Order}; `.messages` never sends a request. */
export class OrderResource extends Lazy<Order> {
  /** The order id, e.g. `"1-1"`. */
  readonly id: string;
  /** The order's messages. */
  readonly messages: OrderMessages;

  /** @internal */
  constructor(client: Discogs, id: string, options?: RequestOptions) {
    super(getLoader(client, { path: path`/marketplace/orders/${id}`, schema: OrderSchema, options }));
    this.id = id;
    this.messages = new OrderMessages(client, id);
  }
}

/** `client.marketplace.orders.get(id).messages` */
export class OrderMessages extends APIResource {
  /** The order id. */
  readonly orderId: string;

  /** @internal */
  constructor(client: Discogs, id: string) {
    super(client);
    this.orderId = id;
  }

  /**
   * The order's messages, newest first (`GET /marketplace/orders/{id}/messages`, seller only); a paginator.
   * The sender is in `from_user` (wire `from`).
   *
   * @example
   * ```ts
   * for await (const m of client.marketplace.orders.get("1-1").messages.list()) {
   *   console.log(m.timestamp, m.from_user?.username, m.message);
   * }
   * ```
   */
  list(params?: PageParams, options?: RequestOptions): Paginator<OrderMessage> {
    return this._client._paginate({
      path: path`/marketplace/orders/${this.orderId}/messages`,
      query: listQuery(params),
      schema: MessagesPageSchema,
      items: (page: { messages: OrderMessage[] }) => page.messages,
      options,
    });
  }

  /**
   * Sends a message to the buyer and/or changes the order status (`POST /marketplace/orders/{id}/messages`, 201;
   * seller only). At least one of `message` and `status` is required. Never retried (a retry could send the
   * message twice). Returns the created message.
   *
   * @example
   * ```ts
   * await client.marketplace.orders.get("1-1").messages.create({ message: "Shipped today!", status: "Shipped" });
   * ```
   */
  create(params: OrderMessageCreateParams, options?: RequestOptions): Promise<OrderMessage> {
    const p = optionsObject("params", params);
    const message = optString("message", p.message);
    const status = oneOf("status", p.status, ORDER_STATUSES);
    if (message === undefined && status === undefined)
      throw new TypeError("params must set message, status or both");
    return this._client._request({
      method: "POST",
      path: path`/marketplace/orders/${this.orderId}/messages`,
      body: { message, status },
      schema: OrderMessageSchema,
      options,
    });
  }
}
