/**
 * Figures and reports: training curves, confusion charts, the search page and HTML reports, drawn
 * with XChart; findings of experiments as values.
 */
package dev.gakushu.report;
