/**
 * The live dashboard: a web page over every run and search in a folder, served on 127.0.0.1 only
 * and updated as the runs' files grow.
 */
package dev.gakushu.dashboard;
