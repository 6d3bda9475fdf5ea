/**
 * Room versions as data: {@link org.hotroom.logic.room.RoomVersions} holds versions 1 to 12 and the
 * default for new rooms; {@link org.hotroom.logic.room.RoomVersion} lists the properties that differ
 * between them (event format, state resolution, redaction rules, auth rule variants), each with
 * the spec text it comes from.
 */
package org.hotroom.logic.room;
