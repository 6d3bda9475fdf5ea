/**
 * Storage as the shell and the logic see it. The storage bundle registers a {@link
 * org.hotroom.api.storage.Storage} service; the shell opens one {@link
 * org.hotroom.api.storage.StepScope} per step and hands it to the logic as {@link
 * org.hotroom.api.storage.StepStorage}. All writes of a step commit together, or none do.
 */
package org.hotroom.api.storage;
