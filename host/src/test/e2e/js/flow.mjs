// hotroom's end-to-end flow with matrix-js-sdk, through the SDK's normal API.
//
//   node flow.mjs BASE_URL
//
// Two users register and log in; alice creates a room and sets its topic; bob is invited and
// joins; they exchange messages, each seen by the other through /sync; a new device of bob's
// paginates the history back to m.room.create; a kick and a ban are enforced. Prints one JSON
// line of results on stdout and exits 0, or names the failed step on stderr and exits 1.
// Everything the SDK logs goes to stderr.

import {readFileSync} from "node:fs";
import * as sdk from "matrix-js-sdk";
import {logger} from "matrix-js-sdk/lib/logger.js";

for (const m of ["log", "info", "debug", "trace", "warn"]) {
    console[m] = (...args) => console.error(...args);
}
logger.setLevel("warn");

const baseUrl = process.argv[2];
if (!baseUrl) {
    console.error("usage: node flow.mjs BASE_URL");
    process.exit(2);
}

const sdkVersion = JSON.parse(readFileSync(new URL("./node_modules/matrix-js-sdk/package.json", import.meta.url), "utf8")).version;
const STEP_TIMEOUT_MS = 20_000;
const clients = [];
let step = "start";

function fail(message) {
    process.stderr.write(`matrix-js-sdk flow failed at step '${step}': ${message}\n`);
    for (const c of clients) {
        try {
            c.stopClient();
        } catch {
            // exiting anyway
        }
    }
    process.exit(1);
}

const watchdog = setTimeout(() => fail("the whole flow took more than 150 s"), 150_000);

function check(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

function describe(err) {
    if (err && err.errcode) {
        return `${err.httpStatus} ${err.errcode}: ${err.data?.error ?? err.message}`;
    }
    return err && err.stack ? err.stack : String(err);
}

/** Polls the clients' state (which only /sync updates) until `condition` holds. */
async function until(what, condition) {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    while (Date.now() < deadline) {
        const v = condition();
        if (v) {
            return v;
        }
        await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out after ${STEP_TIMEOUT_MS} ms waiting for ${what}`);
}

/** Expects `promise` to be refused with `status` and `errcode`. */
async function refused(what, promise, status, errcode) {
    try {
        await promise;
    } catch (err) {
        check(err.httpStatus === status && err.errcode === errcode,
            `${what}: expected ${status} ${errcode}, got ${describe(err)}`);
        return `${err.httpStatus} ${err.errcode}`;
    }
    throw new Error(`${what}: expected ${status} ${errcode}, but it succeeded`);
}

async function started(client, syncLimit) {
    clients.push(client);
    const ready = new Promise((resolve, reject) => {
        client.on(sdk.ClientEvent.Sync, (state, _prev, data) => {
            if (state === sdk.SyncState.Prepared || state === sdk.SyncState.Syncing) {
                resolve();
            } else if (state === sdk.SyncState.Error) {
                reject(new Error(`/sync failed: ${describe(data?.error)}`));
            }
        });
    });
    await client.startClient({initialSyncLimit: syncLimit, lazyLoadMembers: false});
    await Promise.race([ready, new Promise((_, reject) =>
        setTimeout(() => reject(new Error("the first /sync did not complete")), STEP_TIMEOUT_MS))]);
    return client;
}

function timeline(client, roomId) {
    const room = client.getRoom(roomId);
    return room ? room.getLiveTimeline().getEvents() : [];
}

function seen(client, roomId, eventId) {
    return timeline(client, roomId).some((e) => e.getId() === eventId && !e.status);
}

function membership(client, roomId, userId) {
    return client.getRoom(roomId)?.getMember(userId)?.membership;
}

async function main() {
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const password = `pw-${suffix}-correct horse`;
    const names = {alice: `js_alice_${suffix}`, bob: `js_bob_${suffix}`};

    step = "register";
    const anonymous = sdk.createClient({baseUrl});
    const registered = {};
    for (const [who, name] of Object.entries(names)) {
        const r = await anonymous.register(name, password, null, {type: "m.login.dummy"});
        check(r.user_id && r.user_id.startsWith(`@${name}:`), `register ${who}: user_id ${r.user_id}`);
        check(r.access_token, `register ${who}: no access_token`);
        registered[who] = r.user_id;
    }

    step = "login";
    const logins = {};
    for (const [who, name] of Object.entries(names)) {
        const r = await anonymous.loginRequest({
            type: "m.login.password",
            identifier: {type: "m.id.user", user: name},
            password,
            initial_device_display_name: `e2e ${who}`,
        });
        check(r.user_id === registered[who], `login ${who}: user_id ${r.user_id}, registered ${registered[who]}`);
        logins[who] = r;
    }
    const make = (login) => sdk.createClient({
        baseUrl,
        accessToken: login.access_token,
        userId: login.user_id,
        deviceId: login.device_id,
        localTimeoutMs: STEP_TIMEOUT_MS,
    });
    const alice = make(logins.alice);
    const bob = make(logins.bob);
    const aliceId = logins.alice.user_id;
    const bobId = logins.bob.user_id;
    check((await alice.whoami()).user_id === aliceId, "whoami does not name alice");

    step = "initial sync";
    await started(alice, 10);
    await started(bob, 10);

    step = "create room";
    const {room_id: roomId} = await alice.createRoom({name: "js e2e", preset: sdk.Preset.PrivateChat});
    check(roomId && roomId.startsWith("!"), `createRoom returned room_id ${roomId}`);
    await until("alice to see her room through /sync",
        () => alice.getRoom(roomId)?.getMyMembership() === sdk.KnownMembership.Join);

    step = "set topic";
    const topic = `topic ${suffix}`;
    await alice.setRoomTopic(roomId, topic);
    await until("alice to see the topic through /sync",
        () => alice.getRoom(roomId)?.currentState.getStateEvents("m.room.topic", "")?.getContent().topic === topic);

    step = "invite";
    await alice.invite(roomId, bobId);
    await until("bob to see the invite through /sync",
        () => bob.getRoom(roomId)?.getMyMembership() === sdk.KnownMembership.Invite);

    step = "join";
    await bob.joinRoom(roomId);
    await until("bob to see himself joined through /sync",
        () => bob.getRoom(roomId)?.getMyMembership() === sdk.KnownMembership.Join);
    await until("alice to see bob join through /sync",
        () => membership(alice, roomId, bobId) === sdk.KnownMembership.Join);
    await until("bob to see the topic through /sync",
        () => bob.getRoom(roomId)?.currentState.getStateEvents("m.room.topic", "")?.getContent().topic === topic);

    step = "exchange messages";
    const sent = [];
    for (let i = 0; i < 4; i++) {
        const [from, to] = i % 2 === 0 ? [alice, bob] : [bob, alice];
        const body = `message ${i} from ${from === alice ? "alice" : "bob"}`;
        const {event_id: eventId} = await from.sendTextMessage(roomId, body);
        check(eventId && eventId.startsWith("$"), `send returned event_id ${eventId}`);
        const ev = await until(`the other user to see '${body}' through /sync`,
            () => timeline(to, roomId).find((e) => e.getId() === eventId));
        check(ev.getContent().body === body && ev.getSender() === from.getUserId(),
            `'${body}' arrived as ${JSON.stringify(ev.event)}`);
        await until(`the sender to see '${body}' come back through /sync`, () => seen(from, roomId, eventId));
        sent.push(eventId);
    }

    step = "paginate history";
    // a new device of bob's starts with the last two events and scrolls back to the room's start
    const bob2Login = await anonymous.loginRequest({
        type: "m.login.password", identifier: {type: "m.id.user", user: names.bob}, password,
    });
    const bob2 = await started(make(bob2Login), 2);
    const room2 = await until("bob's new device to see the room through /sync", () => bob2.getRoom(roomId));
    const initialEvents = room2.getLiveTimeline().getEvents().length;
    check(initialEvents <= 2, `the initial /sync with a timeline limit of 2 gave ${initialEvents} events`);
    let pages = 0;
    while (room2.getLiveTimeline().getEvents()[0]?.getType() !== "m.room.create") {
        check(room2.oldState.paginationToken !== null,
            "pagination ended before m.room.create; timeline: "
            + room2.getLiveTimeline().getEvents().map((e) => e.getType()).join(", "));
        check(pages < 50, "more than 50 pages of 3 events");
        await bob2.scrollback(room2, 3);
        pages++;
    }
    const history = room2.getLiveTimeline().getEvents();
    const ids = history.map((e) => e.getId());
    check(new Set(ids).size === ids.length, `duplicate events in the paginated history: ${ids.join(", ")}`);
    const positions = sent.map((id) => ids.indexOf(id));
    check(positions.every((p, i) => p > 0 && (i === 0 || p > positions[i - 1])),
        `messages missing or out of order in the history: positions ${positions}`);
    const types = history.map((e) => e.getType());
    for (const t of ["m.room.create", "m.room.member", "m.room.power_levels", "m.room.join_rules", "m.room.topic"]) {
        check(types.includes(t), `history lacks ${t}: ${types.join(", ")}`);
    }
    check(pages >= 2, `history took only ${pages} page(s) of 3 events`);
    bob2.stopClient();

    step = "kick";
    await alice.kick(roomId, bobId, "e2e kick");
    await until("bob to see himself kicked through /sync",
        () => bob.getRoom(roomId)?.getMyMembership() === sdk.KnownMembership.Leave);
    await until("alice to see bob kicked through /sync",
        () => membership(alice, roomId, bobId) === sdk.KnownMembership.Leave);
    const kickedSend = await refused("bob sending after the kick",
        bob.sendTextMessage(roomId, "should not arrive"), 403, "M_FORBIDDEN");
    const kickedJoin = await refused("bob joining the invite-only room after the kick",
        bob.joinRoom(roomId), 403, "M_FORBIDDEN");

    step = "invite again";
    await alice.invite(roomId, bobId);
    await until("bob to see the new invite through /sync",
        () => bob.getRoom(roomId)?.getMyMembership() === sdk.KnownMembership.Invite);
    await bob.joinRoom(roomId);
    await until("alice to see bob back through /sync",
        () => membership(alice, roomId, bobId) === sdk.KnownMembership.Join);

    step = "ban";
    await alice.ban(roomId, bobId, "e2e ban");
    await until("bob to see himself banned through /sync",
        () => bob.getRoom(roomId)?.getMyMembership() === sdk.KnownMembership.Ban);
    await until("alice to see bob banned through /sync",
        () => membership(alice, roomId, bobId) === sdk.KnownMembership.Ban);
    const bannedSend = await refused("bob sending after the ban",
        bob.sendTextMessage(roomId, "should not arrive"), 403, "M_FORBIDDEN");
    const bannedJoin = await refused("bob joining after the ban", bob.joinRoom(roomId), 403, "M_FORBIDDEN");
    const bannedInvite = await refused("alice inviting banned bob", alice.invite(roomId, bobId), 403, "M_FORBIDDEN");

    step = "finish";
    // nothing bob tried after the kick reached the room
    const leaked = timeline(alice, roomId).filter((e) => e.getContent().body === "should not arrive");
    check(leaked.length === 0, "a refused message reached alice's timeline");

    for (const c of clients) {
        c.stopClient();
    }
    clearTimeout(watchdog);
    process.stdout.write(JSON.stringify({
        client: "matrix-js-sdk",
        version: sdkVersion,
        users: [aliceId, bobId],
        room_id: roomId,
        topic_seen: true,
        messages_seen: sent.length,
        history_events: history.length,
        history_pages: pages,
        create_reached: true,
        kick_enforced: {send: kickedSend, join: kickedJoin},
        ban_enforced: {send: bannedSend, join: bannedJoin, invite: bannedInvite},
    }) + "\n");
    process.exit(0);
}

main().catch((err) => fail(describe(err)));
