#!/usr/bin/python3
"""hotroom's end-to-end flow with matrix-nio (Debian's python3-matrix-nio), through nio's API.

    /usr/bin/python3 flow.py BASE_URL

Two users register and log in; alice creates a room and sets its topic; bob is invited and joins;
they exchange messages, each seen by the other through /sync; a new device of bob's paginates the
history back to m.room.create with /messages from its /sync's prev_batch; a kick and a ban are
enforced. One /sync long-poll is timed from the send that should wake it. Prints one JSON line of
results on stdout and exits 0, or names the failed step on stderr and exits 1.
"""

import asyncio
import json
import os
import sys
import time

try:
    from nio import (AsyncClient, AsyncClientConfig, ErrorResponse, JoinResponse, LoginResponse,
                     MessageDirection, RegisterResponse, RoomBanResponse, RoomCreateResponse,
                     RoomInviteResponse, RoomKickResponse, RoomMessagesResponse, RoomPreset,
                     RoomPutStateResponse, RoomSendResponse, SyncResponse)
    import importlib.metadata
    NIO_VERSION = importlib.metadata.version("matrix-nio")
except ImportError as e:  # pragma: no cover - reported to the test
    sys.stderr.write(f"matrix-nio flow failed at step 'import': {e}; install Debian's python3-matrix-nio\n")
    sys.exit(1)

STEP_TIMEOUT_S = 20.0


class Failed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failed(message)


def describe(resp):
    if isinstance(resp, ErrorResponse):
        status = getattr(getattr(resp, "transport_response", None), "status", "?")
        return f"{status} {resp.status_code}: {resp.message}"
    return repr(resp)


def ok(resp, kind, what):
    check(isinstance(resp, kind), f"{what}: {describe(resp)}")
    return resp


def refused(resp, status, errcode, what):
    got = getattr(getattr(resp, "transport_response", None), "status", None)
    check(isinstance(resp, ErrorResponse) and got == status and resp.status_code == errcode,
          f"{what}: expected {status} {errcode}, got {describe(resp)}")
    return f"{got} {resp.status_code}"


class Syncer:
    """A logged-in client and everything its /sync responses told it, accumulated."""

    def __init__(self, client):
        self.client = client
        self.events = {}       # room_id -> [event source dict], in arrival order
        self.membership = {}   # room_id -> own membership, as the latest /sync reported it
        self.prev_batch = {}   # room_id -> prev_batch of the first timeline seen

    def take(self, resp):
        for room_id, info in resp.rooms.invite.items():
            self.membership[room_id] = "invite"
        for room_id, info in resp.rooms.join.items():
            self.membership[room_id] = "join"
            self.prev_batch.setdefault(room_id, info.timeline.prev_batch)
            self.events.setdefault(room_id, []).extend(e.source for e in info.timeline.events)
        for room_id, info in resp.rooms.leave.items():
            evs = [e.source for e in info.timeline.events]
            self.events.setdefault(room_id, []).extend(evs)
            mine = [e for e in evs if e.get("type") == "m.room.member"
                    and e.get("state_key") == self.client.user_id]
            self.membership[room_id] = mine[-1]["content"]["membership"] if mine else "leave"

    async def sync_once(self, timeout_ms, sync_filter=None):
        resp = await self.client.sync(timeout=timeout_ms, sync_filter=sync_filter)
        check(isinstance(resp, SyncResponse), f"/sync failed: {describe(resp)}")
        self.take(resp)
        return resp

    async def until(self, what, condition):
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            v = condition()
            if v:
                return v
            left = deadline - time.monotonic()
            check(left > 0, f"timed out after {STEP_TIMEOUT_S:.0f} s waiting for {what} through /sync")
            await self.sync_once(int(min(left, 5.0) * 1000))

    def find(self, room_id, event_id):
        for e in self.events.get(room_id, []):
            if e.get("event_id") == event_id:
                return e
        return None

    def member(self, room_id, user_id):
        found = None
        for e in self.events.get(room_id, []):
            if e.get("type") == "m.room.member" and e.get("state_key") == user_id:
                found = e["content"].get("membership")
        return found

    def topic(self, room_id):
        room = self.client.rooms.get(room_id)
        return room.topic if room else None


def new_client(base_url, user=""):
    config = AsyncClientConfig(encryption_enabled=False, store_sync_tokens=False,
                               max_limit_exceeded=0, max_timeouts=0, request_timeout=STEP_TIMEOUT_S + 15)
    return AsyncClient(base_url, user=user, config=config)


async def flow(base_url, step):
    suffix = f"{int(time.time() * 1000):x}{os.getpid():x}"
    password = f"pw-{suffix}-correct horse"
    names = {"alice": f"nio_alice_{suffix}", "bob": f"nio_bob_{suffix}"}
    clients = []
    try:
        step[0] = "register"
        user_ids = {}
        for who, name in names.items():
            c = new_client(base_url)
            clients.append(c)
            r = ok(await c.register(name, password, device_name=f"e2e {who}"), RegisterResponse, f"register {who}")
            check(r.user_id.startswith(f"@{name}:"), f"register {who}: user_id {r.user_id}")
            user_ids[who] = r.user_id

        step[0] = "login"
        syncers = {}
        for who, name in names.items():
            c = new_client(base_url, user=name)
            clients.append(c)
            r = ok(await c.login(password=password, device_name=f"e2e {who}"), LoginResponse, f"login {who}")
            check(r.user_id == user_ids[who], f"login {who}: user_id {r.user_id}, registered {user_ids[who]}")
            syncers[who] = Syncer(c)
        alice, bob = syncers["alice"], syncers["bob"]
        alice_id, bob_id = user_ids["alice"], user_ids["bob"]

        step[0] = "initial sync"
        await alice.sync_once(0)
        await bob.sync_once(0)

        step[0] = "create room"
        r = ok(await alice.client.room_create(name="nio e2e", preset=RoomPreset.private_chat),
               RoomCreateResponse, "room_create")
        room_id = r.room_id
        check(room_id.startswith("!"), f"room_create returned room_id {room_id}")
        await alice.until("alice's own room", lambda: alice.membership.get(room_id) == "join")

        step[0] = "set topic"
        topic = f"topic {suffix}"
        ok(await alice.client.room_put_state(room_id, "m.room.topic", {"topic": topic}),
           RoomPutStateResponse, "room_put_state m.room.topic")
        await alice.until("the topic", lambda: alice.topic(room_id) == topic)

        step[0] = "invite"
        ok(await alice.client.room_invite(room_id, bob_id), RoomInviteResponse, "room_invite")
        await bob.until("bob's invite", lambda: bob.membership.get(room_id) == "invite")

        step[0] = "join"
        r = ok(await bob.client.join(room_id), JoinResponse, "join")
        check(r.room_id == room_id, f"join answered room_id {r.room_id}")
        await bob.until("bob joined", lambda: bob.membership.get(room_id) == "join")
        await alice.until("bob's join", lambda: alice.member(room_id, bob_id) == "join")
        await bob.until("the topic", lambda: bob.topic(room_id) == topic)

        step[0] = "exchange messages"
        sent = []
        for i in range(4):
            sender, receiver = (alice, bob) if i % 2 == 0 else (bob, alice)
            body = f"message {i} from {'alice' if sender is alice else 'bob'}"
            r = ok(await sender.client.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": body}),
                   RoomSendResponse, f"room_send '{body}'")
            ev = await receiver.until(f"'{body}'", lambda: receiver.find(room_id, r.event_id))
            check(ev["content"].get("body") == body and ev["sender"] == sender.client.user_id,
                  f"'{body}' arrived as {json.dumps(ev)}")
            await sender.until(f"'{body}' back at its sender", lambda: sender.find(room_id, r.event_id))
            sent.append(r.event_id)

        step[0] = "long-poll wake"
        # bob waits in a long-poll; alice's message must wake it at once
        await bob.sync_once(0)
        poll = asyncio.create_task(bob.client.sync(timeout=15_000))
        await asyncio.sleep(0.3)
        check(not poll.done(), f"a /sync long-poll with nothing new returned early: {poll.result() if poll.done() else ''}")
        t0 = time.monotonic()
        r = ok(await alice.client.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": "wake up"}),
               RoomSendResponse, "room_send 'wake up'")
        woken = await asyncio.wait_for(poll, STEP_TIMEOUT_S)
        wake_ms = (time.monotonic() - t0) * 1000
        check(isinstance(woken, SyncResponse), f"long-poll /sync failed: {describe(woken)}")
        bob.take(woken)
        check(bob.find(room_id, r.event_id), "the long-poll woke without the new message")
        sent.append(r.event_id)

        step[0] = "paginate history"
        # a new device of bob's: /sync with a timeline of 2, then /messages back from its prev_batch
        c = new_client(base_url, user=names["bob"])
        clients.append(c)
        ok(await c.login(password=password, device_name="e2e bob 2"), LoginResponse, "login bob's new device")
        bob2 = Syncer(c)
        first = await bob2.sync_once(0, sync_filter={"room": {"timeline": {"limit": 2}}})
        check(room_id in first.rooms.join, "bob's new device does not see the room in its first /sync")
        timeline = first.rooms.join[room_id].timeline
        check(len(timeline.events) <= 2, f"a timeline limit of 2 gave {len(timeline.events)} events")
        check(timeline.prev_batch, "the /sync timeline has no prev_batch")
        history = [e.source for e in timeline.events]
        token, pages = timeline.prev_batch, 0
        while not any(e.get("type") == "m.room.create" for e in history):
            check(token, "/messages ended before m.room.create; history: "
                  + ", ".join(e.get("type", "?") for e in history))
            check(pages < 50, "more than 50 pages of 3 events")
            m = ok(await c.room_messages(room_id, start=token, direction=MessageDirection.back, limit=3),
                   RoomMessagesResponse, f"room_messages page {pages + 1}")
            pages += 1
            check(len(m.chunk) <= 3, f"/messages with limit 3 gave {len(m.chunk)} events")
            # chunk is newest first going backwards
            history = [e.source for e in reversed(m.chunk)] + history
            token = m.end if m.chunk else None
        ids = [e.get("event_id") for e in history]
        check(len(set(ids)) == len(ids), f"duplicate events in the paginated history: {ids}")
        check(history[0].get("type") == "m.room.create", f"history does not start with m.room.create: {ids[:3]}")
        positions = [ids.index(i) if i in ids else -1 for i in sent]
        check(all(p > 0 for p in positions) and positions == sorted(positions),
              f"messages missing or out of order in the history: positions {positions}")
        types = {e.get("type") for e in history}
        for t in ("m.room.member", "m.room.power_levels", "m.room.join_rules", "m.room.topic"):
            check(t in types, f"history lacks {t}: {sorted(types)}")
        check(pages >= 2, f"history took only {pages} page(s) of 3 events")

        step[0] = "kick"
        ok(await alice.client.room_kick(room_id, bob_id, "e2e kick"), RoomKickResponse, "room_kick")
        await bob.until("bob kicked", lambda: bob.membership.get(room_id) == "leave")
        await alice.until("bob's kick", lambda: alice.member(room_id, bob_id) == "leave")
        kicked_send = refused(await bob.client.room_send(room_id, "m.room.message",
                                                         {"msgtype": "m.text", "body": "should not arrive"}),
                              403, "M_FORBIDDEN", "bob sending after the kick")
        kicked_join = refused(await bob.client.join(room_id), 403, "M_FORBIDDEN",
                              "bob joining the invite-only room after the kick")

        step[0] = "invite again"
        ok(await alice.client.room_invite(room_id, bob_id), RoomInviteResponse, "room_invite again")
        await bob.until("bob's new invite", lambda: bob.membership.get(room_id) == "invite")
        ok(await bob.client.join(room_id), JoinResponse, "join again")
        await alice.until("bob back", lambda: alice.member(room_id, bob_id) == "join")

        step[0] = "ban"
        ok(await alice.client.room_ban(room_id, bob_id, "e2e ban"), RoomBanResponse, "room_ban")
        await bob.until("bob banned", lambda: bob.membership.get(room_id) == "ban")
        await alice.until("bob's ban", lambda: alice.member(room_id, bob_id) == "ban")
        banned_send = refused(await bob.client.room_send(room_id, "m.room.message",
                                                         {"msgtype": "m.text", "body": "should not arrive"}),
                              403, "M_FORBIDDEN", "bob sending after the ban")
        banned_join = refused(await bob.client.join(room_id), 403, "M_FORBIDDEN", "bob joining after the ban")
        banned_invite = refused(await alice.client.room_invite(room_id, bob_id), 403, "M_FORBIDDEN",
                                "alice inviting banned bob")

        step[0] = "finish"
        await alice.sync_once(0)
        leaked = [e for e in alice.events.get(room_id, []) if e.get("content", {}).get("body") == "should not arrive"]
        check(not leaked, f"a refused message reached alice's timeline: {leaked}")
        return {
            "client": "matrix-nio",
            "version": NIO_VERSION,
            "users": [alice_id, bob_id],
            "room_id": room_id,
            "topic_seen": True,
            "messages_seen": len(sent),
            "longpoll_wake_ms": round(wake_ms, 1),
            "history_events": len(history),
            "history_pages": pages,
            "create_reached": True,
            "kick_enforced": {"send": kicked_send, "join": kicked_join},
            "ban_enforced": {"send": banned_send, "join": banned_join, "invite": banned_invite},
        }
    finally:
        for c in clients:
            await c.close()


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: /usr/bin/python3 flow.py BASE_URL\n")
        return 2
    step = ["start"]
    try:
        result = asyncio.run(asyncio.wait_for(flow(sys.argv[1], step), 150))
    except Failed as e:
        sys.stderr.write(f"matrix-nio flow failed at step '{step[0]}': {e}\n")
        return 1
    except asyncio.TimeoutError:
        sys.stderr.write(f"matrix-nio flow failed at step '{step[0]}': the whole flow took more than 150 s\n")
        return 1
    except Exception as e:  # a crash inside nio or here: still a clear failure
        sys.stderr.write(f"matrix-nio flow failed at step '{step[0]}': {type(e).__name__}: {e}\n")
        return 1
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
