/* pkio-rate-limiter.h
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PKIO_TYPE_RATE_LIMITER (pkio_rate_limiter_get_type ())

G_DECLARE_FINAL_TYPE (PkioRateLimiter, pkio_rate_limiter, PKIO, RATE_LIMITER, GObject)

/* CertCentral allows 100 requests per 5 s and 1000 per 3 min, per key, in
 * rolling windows (api/certcentral-notes.md § Rate limits). */
#define PKIO_RATE_LIMIT_BURST_COUNT     100
#define PKIO_RATE_LIMIT_BURST_WINDOW    (5 * G_USEC_PER_SEC)
#define PKIO_RATE_LIMIT_SUSTAINED_COUNT 1000
#define PKIO_RATE_LIMIT_SUSTAINED_WINDOW (180 * G_USEC_PER_SEC)

/* 429 handling: a refusal, retried after Retry-After or a delay growing from
 * 5 s, a bounded number of times. */
#define PKIO_RETRY_FIRST_DELAY   (5 * G_USEC_PER_SEC)
#define PKIO_RETRY_MAX_DELAY     (120 * G_USEC_PER_SEC)
#define PKIO_RETRY_MAX_ATTEMPTS  5

PkioRateLimiter *pkio_rate_limiter_new          (void);
PkioRateLimiter *pkio_rate_limiter_get_shared   (const char      *base_url,
                                                 const char      *api_key);
PkioRateLimiter *pkio_rate_limiter_new_full     (guint            burst_count,
                                                 gint64           burst_window,
                                                 guint            sustained_count,
                                                 gint64           sustained_window);
gint64           pkio_rate_limiter_reserve      (PkioRateLimiter *self,
                                                 gint64           now);
gint64           pkio_retry_delay               (guint            attempt,
                                                 const char      *retry_after,
                                                 GDateTime       *now);

G_END_DECLS
