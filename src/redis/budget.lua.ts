/**
 * The shared budget's one script: every `take`, `settle` and `cancel` of every process is one atomic run of it,
 * on Redis' own clock (`TIME`), so client clocks never matter.
 *
 * Keys of one budget (all in one hash slot, all with a TTL refreshed by every run):
 * - `fly`: attempts in flight, member `<process>:<ticket>`, score = start time;
 * - `own`: finished attempts still (possibly) in Discogs' window, member `<o|l|r>:<process>:<ticket>` (ok, lost,
 *   429), score = when Discogs has surely forgotten it (a window plus a margin after its response);
 * - `ext`: other programs' requests on the IP, as the headers revealed them, score = until when they count;
 * - `meta`: a hash of what the budget learned (limit, round-trip time, credit, breaker);
 * - `iwait`: processes with interactive requests waiting, score = until when the claim holds;
 * - `ilog`: interactive attempts of the last window (background leaves at least as many slots to interactive).
 *
 * The rules are those of the in-process budget (`src/core/window-budget.ts`): start on credit from the last
 * response or from an own slot expiring, or as a probe when nothing tells us more; the count raised (never
 * lowered) to what the headers say; a 429 means "full"; plus the breaker and the lanes, shared by every process.
 *
 * Ops: `take`, `settle`, `cancel`, and `adopt` (an attempt a process let go on its own budget while Redis was
 * slow, counted from then on). Replies: take `{1, 0, now, limit, used}` go, `{0, waitMs, now, limit, used}` ask again in waitMs,
 * `{-1, 0, now, limit, used}` too late (the caller gave up before the script ran); settle and cancel
 * `{2, 0, now, limit, used}`.
 *
 * @module
 */

export const BUDGET_SCRIPT = `
if redis.replicate_commands then redis.replicate_commands() end
local fly, own, ext, meta, iwait, ilog = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local op, member = ARGV[1], ARGV[2]
local override, tier, w = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local lane, pid, deadline = ARGV[6], ARGV[7], tonumber(ARGV[8])
local status, hLimit, hUsed, hRemaining, retryAfter =
  tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12]), tonumber(ARGV[13])
local threshold, cooldown, reserveShare, channel = tonumber(ARGV[14]), tonumber(ARGV[15]), tonumber(ARGV[16]), ARGV[17]

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local margin = math.min(250, math.ceil(w / 200))
local grace = w / 10
local NEVER = -1e15

local m = redis.call('HMGET', meta, 'learned', 'srtt', 'rttvar', 'lastResp', 'credit', 'creditUntil', 'own',
  'cwnd', 'streak', 'pauseUntil')
local learned = tonumber(m[1])
local srtt = tonumber(m[2]) or 0
local rttvar = tonumber(m[3]) or 0
local lastResp = tonumber(m[4]) or NEVER
local credit = tonumber(m[5]) or 0
local creditUntil = tonumber(m[6]) or NEVER
local ownCredit = tonumber(m[7]) or 0
local cwnd = tonumber(m[8]) or 0
local streak = tonumber(m[9]) or 0
local pauseUntil = tonumber(m[10]) or 0

local function limitNow()
  if override > 0 then
    if learned then return math.min(override, learned) end
    return override
  end
  return learned or tier
end
local limit = limitNow()

-- Forget what the server has forgotten. An own slot that expired just now is budget nobody else knows
-- about: it may be reused at once (credit), but only while that news is fresh.
local expired = redis.call('ZRANGEBYSCORE', own, '-inf', now, 'WITHSCORES')
for i = 1, #expired, 2 do
  if string.sub(expired[i], 1, 2) == 'o:' and now - tonumber(expired[i + 1]) <= grace then
    ownCredit = ownCredit + 1
  end
end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', own, '-inf', now) end
redis.call('ZREMRANGEBYSCORE', ext, '-inf', now)
redis.call('ZREMRANGEBYSCORE', fly, '-inf', now - 2 * w)
redis.call('ZREMRANGEBYSCORE', iwait, '-inf', now)
redis.call('ZREMRANGEBYSCORE', ilog, '-inf', now - w)
local nfly = redis.call('ZCARD', fly)
if nfly == 0 and now - lastResp > w + margin + grace then
  ownCredit = 0
  credit = 0
  cwnd = 0
end
if now > creditUntil then credit = 0 end

local function used()
  return redis.call('ZCARD', fly) + redis.call('ZCARD', own) + redis.call('ZCARD', ext)
end

local function save()
  local fields = { 'srtt', srtt, 'rttvar', rttvar, 'lastResp', lastResp, 'credit', credit, 'creditUntil',
    creditUntil, 'own', ownCredit, 'cwnd', cwnd, 'streak', streak, 'pauseUntil', pauseUntil }
  if learned then
    table.insert(fields, 'learned')
    table.insert(fields, learned)
  end
  redis.call('HSET', meta, unpack(fields))
  local ttl = 2 * w + 1000
  redis.call('PEXPIRE', meta, math.max(ttl, pauseUntil - now + 1000))
  redis.call('PEXPIRE', fly, ttl)
  redis.call('PEXPIRE', own, ttl)
  redis.call('PEXPIRE', ext, ttl)
  redis.call('PEXPIRE', iwait, ttl)
  redis.call('PEXPIRE', ilog, ttl)
end

local function first(key)
  local r = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if #r == 0 then return math.huge end
  return tonumber(r[2])
end

if op == 'take' then
  if deadline > 0 and now > deadline then
    save()
    return { -1, 0, now, limit, used() }
  end
  local nown = redis.call('ZCARD', own)
  local next = redis.call('ZCARD', ext)
  local u = nfly + nown + next
  local free = limit - u
  local wait = nil
  if now < pauseUntil then wait = pauseUntil - now end
  local reserve = 0
  if lane ~= 'interactive' then
    -- Background yields to interactive requests waiting in any process, and leaves them a reserve.
    redis.call('ZREM', iwait, pid)
    if not wait then
      local claim = first(iwait)
      if claim ~= math.huge then wait = math.max(1, claim - now) end
    end
    -- the reserve: at least the configured share, and as much as interactive requests took in the last window
    reserve = math.min(limit - 1, math.max(math.ceil(limit * reserveShare), redis.call('ZCARD', ilog) + 1))
  end
  if not wait then
    local probe = nfly == 0 and (nown == 0 or next == 0)
    -- An interactive request may also take a free slot without credit while no other program is seen spending
    -- the budget (the count is then all ours, and exact): it does not wait a round trip for a response.
    local known = lane == 'interactive' and next == 0 and now - lastResp <= w
    if free - reserve >= 1 and (credit + ownCredit >= 1 or probe or known) then
      redis.call('ZADD', fly, now, member)
      if credit > 0 then credit = credit - 1 elseif ownCredit > 0 then ownCredit = ownCredit - 1 end
      if lane == 'interactive' then
        redis.call('ZREM', iwait, pid)
        redis.call('ZADD', ilog, now, member)
      end
      save()
      return { 1, 0, now, limit, u + 1 }
    end
    -- Not now: when can something change?
    local at = first(fly)
    if at ~= math.huge then at = at + 2 * w end
    if free - reserve < 1 then
      -- a slot frees: an own one expires, other programs' count lapses, or one in flight ends (at the earliest
      -- a window from now)
      at = math.min(at, first(own), first(ext))
      if nfly > 0 then at = math.min(at, now + w + margin) end
    else
      -- budget is free but unconfirmed: a response will tell (a notice wakes the waiters then; this is the
      -- fallback), or an own slot expiring gives credit, or the last telling slot expiring allows a probe
      if nfly > 0 then at = math.min(at, now + math.max(20, math.ceil(2 * srtt + 4 * rttvar))) end
      local slots = redis.call('ZRANGE', own, 0, -1, 'WITHSCORES')
      local okAt, lastAt = math.huge, math.huge
      for i = 1, #slots, 2 do
        local kind = string.sub(slots[i], 1, 2)
        if kind == 'o:' and okAt == math.huge then okAt = tonumber(slots[i + 1]) end
        if kind ~= 'l:' then lastAt = tonumber(slots[i + 1]) end
      end
      at = math.min(at, okAt, lastAt)
    end
    if at == math.huge then at = now + w end
    wait = math.max(1, at - now)
  end
  if lane == 'interactive' then
    redis.call('ZADD', iwait, now + wait + math.max(50, math.ceil(2 * srtt)), pid)
  end
  save()
  return { 0, wait, now, limit, u }
end

if op == 'adopt' then
  -- an attempt a process let go on its own budget while Redis was slow: counted from now on (unless its late
  -- take already holds the slot)
  redis.call('ZADD', fly, 'NX', now, member)
  save()
  return { 2, 0, now, limit, used() }
end

if op == 'cancel' then
  if redis.call('ZREM', fly, member) == 1 then ownCredit = ownCredit + 1 end
  save()
  redis.call('PUBLISH', channel, 'cancel')
  return { 2, 0, now, limit, used() }
end

-- settle: the attempt ended (status 0: no response, it may have arrived)
local start = nil
if member ~= '' then
  start = redis.call('ZSCORE', fly, member)
  if start then
    start = tonumber(start)
    redis.call('ZREM', fly, member)
    nfly = nfly - 1
  end
end
local outcome = 'o'
if status < 100 then outcome = 'l' elseif status == 429 then outcome = 'r' end
local hold = now + w + margin
if status == 429 and retryAfter >= 0 then
  pauseUntil = math.max(pauseUntil, now + retryAfter)
  hold = now + retryAfter
end
local self = outcome .. ':' .. member
if start then
  redis.call('ZADD', own, hold, self)
  local rtt = now - start
  if srtt == 0 then
    srtt = rtt
    rttvar = rtt / 2
  else
    rttvar = 0.75 * rttvar + 0.25 * math.abs(srtt - rtt)
    srtt = 0.875 * srtt + 0.125 * rtt
  end
end
if outcome == 'l' then
  save()
  return { 2, 0, now, limit, used() }
end
lastResp = now
if hLimit > 0 then
  learned = hLimit
  limit = limitNow()
end
if status == 429 then
  streak = streak + 1
  if threshold > 0 and streak >= threshold then
    pauseUntil = math.max(pauseUntil, now + cooldown)
    streak = 0
  end
else
  streak = 0
end

-- Resync: the server's count holds this attempt (unless refused), ours that arrived before it, and other
-- programs'. Whatever it counts beyond ours is other programs': the shared count is raised to it, never lowered.
local serverUsed = nil
if hRemaining >= 0 then
  local l = limit
  if hLimit > 0 then l = hLimit end
  serverUsed = l - hRemaining
elseif hUsed >= 0 then
  serverUsed = hUsed
end
if status == 429 then serverUsed = math.max(serverUsed or 0, limit) end
if serverUsed then
  local s = start or (now - srtt)
  local ours = 0
  if outcome == 'o' and start then ours = 1 end
  local slots = redis.call('ZRANGE', own, 0, -1)
  for _, x in ipairs(slots) do
    if string.sub(x, 1, 2) ~= 'r:' and x ~= self then ours = ours + 1 end
  end
  ours = ours + redis.call('ZCOUNT', fly, '-inf', s + 2 * rttvar)
  local low = serverUsed - ours
  local have = redis.call('ZCARD', ext)
  if low > have then
    local keep = w + 2 * srtt + 2 * margin
    local seq = redis.call('HINCRBY', meta, 'pseq', low - have)
    for i = 1, low - have do redis.call('ZADD', ext, now + keep, 'x:' .. (seq - i)) end
  end
end

if status == 429 then
  cwnd = 1
  ownCredit = 0
  credit = 0
else
  local free = math.max(0, limit - used())
  ownCredit = math.min(ownCredit, free)
  creditUntil = now + 2 * srtt + 50
  if redis.call('ZCARD', ext) == 0 then
    cwnd = 0
    credit = free - ownCredit
  else
    -- Other programs spend it too and cannot see our attempts in flight: take the free budget a little at a
    -- time (halve at first sight of them, then one more attempt in flight per round trip).
    if cwnd == 0 then cwnd = math.max(1, math.floor(nfly / 2)) else cwnd = math.min(cwnd + 1 / cwnd, limit) end
    credit = math.max(0, math.min(free - ownCredit, math.floor(cwnd) - nfly))
  end
end
save()
if credit + ownCredit > 0 then redis.call('PUBLISH', channel, 'settle') end
return { 2, 0, now, limit, used() }
`;
