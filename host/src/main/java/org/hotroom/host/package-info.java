/** The IO shell. */
package org.hotroom.host;
