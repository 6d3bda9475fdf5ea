/** The Matrix logic: entry point {@link org.hotroom.logic.HotroomLogic}. */
package org.hotroom.logic;
