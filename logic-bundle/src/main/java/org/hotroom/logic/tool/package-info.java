/**
 * {@code ./hotroom tool NAME}: offline JSON-lines tools for protocol developers, running the same
 * classes the server runs. {@link org.hotroom.logic.tool.ToolMain} is the entry point and documents
 * the line protocol; {@link org.hotroom.logic.tool.Tools} lists the tools (one class each).
 *
 * <p>The tools must stay loadable outside OSGi: they may use the json, room and event packages
 * (and later crypto, auth, state resolution) and Jackson, never {@code HotroomLogic}, the http
 * package or {@code org.osgi}.
 */
package org.hotroom.logic.tool;
