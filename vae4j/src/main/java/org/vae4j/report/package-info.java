/**
 * Files for people, rendered from the other packages' results and computing nothing of their own:
 * pictures ({@link org.vae4j.report.Pictures}), the model report and the latent explorer (HTML),
 * a scoring's files ({@link org.vae4j.report.DisentanglementReport}), the study's tables, plots and
 * report, and how durations are written.
 */
package org.vae4j.report;
