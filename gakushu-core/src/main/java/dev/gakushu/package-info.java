/**
 * The library's root: the {@link dev.gakushu.Conventions} on which frameworks disagree, the range
 * rules every package checks settings with ({@link dev.gakushu.Range}), the exception root {@link
 * dev.gakushu.GakushuException} and its {@link dev.gakushu.BadInputException}, and the {@link
 * dev.gakushu.Version}.
 */
package dev.gakushu;
