/* pkio-latency-probe.h
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

#include <glib.h>

G_BEGIN_DECLS

/* For bench/: how long the main loop went without running a
 * high-priority 1 ms timeout. Anything that holds the loop (blocking I/O,
 * a long callback) shows as a long gap between two ticks. Nothing in the
 * app uses it unless a benchmark asks for it. */

typedef struct _PkioLatencyProbe PkioLatencyProbe;

PkioLatencyProbe *pkio_latency_probe_new            (void);
void              pkio_latency_probe_stop           (PkioLatencyProbe *self);
guint             pkio_latency_probe_get_n_ticks    (PkioLatencyProbe *self);
double            pkio_latency_probe_get_percentile (PkioLatencyProbe *self,
                                                     double            p);
double            pkio_latency_probe_get_max_busy   (PkioLatencyProbe *self);
char             *pkio_latency_probe_format         (PkioLatencyProbe *self);
void              pkio_latency_probe_free           (PkioLatencyProbe *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioLatencyProbe, pkio_latency_probe_free)

G_END_DECLS
