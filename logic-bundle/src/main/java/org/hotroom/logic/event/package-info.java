/**
 * Events (PDUs) as the spec defines them per room version.
 *
 * <ul>
 *   <li>{@link org.hotroom.logic.event.Pdu}: strict validation of the event format and a typed view
 *       over the exact JSON; event ID, room ID (v12), content and reference hashes.</li>
 *   <li>{@link org.hotroom.logic.event.Redaction}: the redaction algorithm of every version.</li>
 *   <li>{@link org.hotroom.logic.event.EventHashes}: content hash, reference hash, event and room IDs
 *       on raw JSON.</li>
 *   <li>{@link org.hotroom.logic.event.EventJson}: the canonical encoding per room version,
 *       including the lenient one of versions 1 to 5.</li>
 *   <li>{@link org.hotroom.logic.event.Identifiers}: user, room and event ID and server name grammars.</li>
 * </ul>
 */
package org.hotroom.logic.event;
