/* pkio-outbox-private.h
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

#include "pkio-outbox.h"

G_BEGIN_DECLS

/* For tests: the network's return without real time. The clock gives
 * when an order is queued and when the network comes back, which the
 * outbox compares (an order queued since waits for its sender); %NULL
 * goes back to the wall clock. */
typedef GDateTime *(*PkioOutboxClock) (gpointer user_data);

void     _pkio_outbox_set_clock  (PkioOutbox      *self,
                                  PkioOutboxClock  clock,
                                  gpointer         user_data);
gboolean _pkio_outbox_settle_now (PkioOutbox      *self);

G_END_DECLS
