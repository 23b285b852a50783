/* pkio-json-guard.h
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

/* Deeper than any document PKIo Order reads or writes (an order is 4
 * levels, a list of orders 6), far shallower than what overflows
 * json-glib's recursive parser. */
#define PKIO_JSON_MAX_DEPTH 64

gboolean pkio_json_depth_ok (const char *data,
                             gssize      length,
                             guint       max_depth);

G_END_DECLS
