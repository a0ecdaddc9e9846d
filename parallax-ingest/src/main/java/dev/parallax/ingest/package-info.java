/**
 * Sources of raw articles. {@link dev.parallax.ingest.Sources#open} picks a reader by file extension:
 * {@link dev.parallax.ingest.PlainTextSource} for {@code .txt}, {@link dev.parallax.ingest.JsonLinesSource} for
 * {@code .jsonl}/{@code .ndjson} (optionally gzipped), {@link dev.parallax.ingest.HtmlSource} for saved web pages,
 * {@link dev.parallax.ingest.FeedSource} for RSS/Atom feeds and {@link dev.parallax.ingest.WarcSource} for web
 * archives, and walks directories. Every source turns a bad item into one one-line rejection and keeps reading; only a
 * missing path named explicitly fails the read.
 */
package dev.parallax.ingest;
