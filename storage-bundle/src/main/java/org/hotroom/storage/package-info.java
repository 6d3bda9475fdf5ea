/** The storage bundle. */
package org.hotroom.storage;
