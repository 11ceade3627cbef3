/**
 * `client.marketplace.orders`: the seller's orders and their messages.
 *
 * @module
 */

import type { Discogs } from "../../client";
import type { APIPromise } from "../../core/api-promise";
import { pathArg } from "../../core/endpoint";
import { Lazy } from "../../core/lazy";
import type { Paginator } from "../../core/pagination";
import type { RequestOptions } from "../../core/request";
import {
  createOrderMessage,
  getOrder,
  listOrderMessages,
  listOrders,
  updateOrder,
} from "../../endpoints/marketplace";
import type { OrderFilterStatus, OrderSort, OrderStatus } from "../../endpoints/values";
import type { Order, OrderMessage } from "../../models/marketplace";
import { call, list, loader } from "../helpers";
import { APIResource } from "../resource";
import type { PageParams, SortParams } from "../users/shared";

export type { OrderFilterStatus, OrderSort, OrderStatus };

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
    return list(this._client, listOrders, {}, params, options);
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
    return new OrderResource(this._client, pathArg(getOrder, "order_id", id, "id"), options);
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
  update(id: string, params: OrderUpdateParams, options?: RequestOptions): APIPromise<Order> {
    return call(
      this._client,
      updateOrder,
      { order_id: pathArg(updateOrder, "order_id", id, "id") },
      params,
      options,
    );
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
    super(loader(client, getOrder, { order_id: id }, undefined, options));
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
    return list(this._client, listOrderMessages, { order_id: this.orderId }, params, options);
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
  create(params: OrderMessageCreateParams, options?: RequestOptions): APIPromise<OrderMessage> {
    return call(this._client, createOrderMessage, { order_id: this.orderId }, params, options);
  }
}
