/**
 * The paper's experiments as resumable grids of trials: the description
 * ({@link org.vae4j.study.StudySpec}), the orchestration ({@link org.vae4j.study.Study}), where
 * trials run ({@link org.vae4j.study.TrialRunner}: in this process, or on Apache Spark through
 * {@code vae-spark}) and the analysis of the finished trials (knee, Pareto front, spreads over seeds).
 */
package org.vae4j.study;
