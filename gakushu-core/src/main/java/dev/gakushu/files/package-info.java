/**
 * Internal: files written atomically (a temporary file, forced, then moved into place). Not part of
 * the API.
 */
package dev.gakushu.files;
