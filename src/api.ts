/**
 * Everything `discogs-sdk` exports but the models: the client, its errors, options, resources and value sets.
 * `src/index.ts` adds the models (interfaces and schemas); `src/lite.ts` only their types.
 *
 * @module
 */

export { Discogs, type ClientOptions, type MediaType } from "./client";
export {
  DiscogsError,
  DiscogsConnectionError,
  DiscogsTimeoutError,
  DiscogsAPIError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  RateLimitError,
  ResponseValidationError,
  RateLimitQueueError,
  type APIErrorInit,
  type ValidationDetail,
} from "./core/errors";
export { DiscogsAbortError } from "./core/errors";
export type { RequestOptions, HttpMethod, WithResponse, QueryValue } from "./core/request";
export type { Hooks, RetryEvent } from "./core/hooks";
export type { LogLevel, Logger } from "./core/log";
export { APIPromise } from "./core/api-promise";
export type { RawRequestOptions } from "./client";
export type { CredentialOptions, AuthMode } from "./core/auth";
export type { OAuthSignatureMethod } from "./core/oauth";
export type { ValidationMode, ValidationWarning } from "./core/decode";
export type { RateLimitOptions, RateLimitSnapshot, RateLimitHeaders, Priority } from "./core/limiter";
export {
  MemoryRateLimitStore,
  type RateLimitStore,
  type RateLimitStoreEvent,
  type RateLimitStoreEvents,
  type BudgetConfig,
  type BudgetInfo,
  type TakeResult,
  type MaybePromise,
} from "./core/limiter-store";
export { MemoryCacheStore, type CacheStore, type MemoryCacheStoreOptions } from "./core/cache";
export type { RetryTiming } from "./core/retry";
export { Paginator, type Page, type ToArrayOptions } from "./core/pagination";
export { Lazy } from "./core/lazy";
export { VERSION } from "./version";
export { Users, UserResource, UserSubmissions, UserContributions } from "./resources/users/users";
export type { UserUpdateParams, Submission, ContributionSort } from "./resources/users/users";
export { CurrentUser } from "./resources/users/identity";
export {
  Collection,
  Folders,
  FolderResource,
  FolderReleases,
  FolderRelease,
  Instances,
  Instance,
  InstanceFields,
  CollectionReleases,
  CollectionRelease,
  CustomFields,
  CollectionValueResource,
} from "./resources/users/collection";
export type {
  CollectionSort,
  FolderParams,
  FolderReleaseCreateParams,
  InstanceUpdateParams,
  FieldUpdateParams,
} from "./resources/users/collection";
export { Wantlist, type WantCreateParams, type WantUpdateParams } from "./resources/users/wantlist";
export { UserInventory } from "./resources/users/inventory";
export { UserLists } from "./resources/users/lists";
export { Lists, ListResource } from "./resources/lists";
export type { Currency, SortOrder, PageParams, SortParams } from "./resources/users/shared";
// The closed value sets request parameters take (the ones responses carry too come with the models above).
export {
  SORT_ORDERS,
  LISTING_STATUSES,
  INVENTORY_STATUSES,
  INVENTORY_SORTS,
  ORDER_FILTER_STATUSES,
  ORDER_SORTS,
} from "./endpoints/values";
export { MASTER_VERSION_SORTS, ARTIST_RELEASE_SORTS } from "./endpoints/database";
export { COLLECTION_SORTS, CONTRIBUTION_SORTS } from "./endpoints/users";
export {
  Releases,
  ReleaseResource,
  ReleaseRating,
  ReleaseStatsResource,
  ReleasePriceSuggestions,
  ReleaseMarketplaceStats,
  type ReleaseGetParams,
  type CurrencyParams,
} from "./resources/database/releases";
export {
  Masters,
  MasterResource,
  MasterVersions,
  type MasterVersionSort,
  type MasterVersionsParams,
} from "./resources/database/masters";
export {
  Artists,
  ArtistResource,
  ArtistReleases,
  type ArtistReleaseSort,
  type ArtistReleasesParams,
} from "./resources/database/artists";
export { Labels, LabelResource, LabelReleases, type LabelReleasesParams } from "./resources/database/labels";
export type { SearchParams, SearchType } from "./resources/database/search";
export { Marketplace } from "./resources/marketplace/index";
export {
  Listings,
  ListingResource,
  inventoryPaginator,
  type Condition,
  type SleeveCondition,
  type ListingStatus,
  type InventoryStatus,
  type InventorySort,
  type InventoryListParams,
  type ListingFields,
  type ListingCreateParams,
  type ListingUpdateParams,
} from "./resources/marketplace/listings";
export {
  Orders,
  OrderResource,
  OrderMessages,
  type OrderStatus,
  type OrderFilterStatus,
  type OrderSort,
  type OrderListParams,
  type OrderUpdateParams,
  type OrderMessageCreateParams,
} from "./resources/marketplace/orders";
export { MarketplaceFee, type FeeParams } from "./resources/marketplace/fee";
export { Exports, type DownloadFormat, type DownloadParams } from "./resources/inventory/exports";
export { Uploads, type CsvInput, type CsvFile } from "./resources/inventory/uploads";
export type { InventoryJob } from "./resources/helpers";
export {
  getRequestToken,
  getAccessToken,
  type RequestTokenOptions,
  type RequestToken,
  type AccessTokenOptions,
  type AccessToken,
  type OAuthFlowTransportOptions,
} from "./resources/oauth";
