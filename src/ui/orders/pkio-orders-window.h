/* pkio-orders-window.h
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

#include <adwaita.h>

#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-outbox.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDERS_WINDOW (pkio_orders_window_get_type ())

G_DECLARE_FINAL_TYPE (PkioOrdersWindow, pkio_orders_window, PKIO, ORDERS_WINDOW, AdwWindow)

PkioOrdersWindow *pkio_orders_window_new (GtkWindow      *parent,
                                          PkioDraftStore *drafts,
                                          PkioOutbox     *outbox);

G_END_DECLS
