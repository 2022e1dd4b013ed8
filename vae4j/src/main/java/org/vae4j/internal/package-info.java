/**
 * Not API: the engine behind the public packages ({@link org.vae4j.internal.Session},
 * {@link org.vae4j.internal.ModelHandle}) and the file helpers they share. Its types never appear in
 * a public signature of {@code org.vae4j}, {@code org.vae4j.analysis}, {@code org.vae4j.study} or
 * {@code org.vae4j.report} (an architecture test holds that); anything here may change in any release.
 */
package org.vae4j.internal;
