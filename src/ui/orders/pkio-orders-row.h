/* pkio-orders-row.h
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

G_BEGIN_DECLS

#define PKIO_TYPE_ORDERS_ROW (pkio_orders_row_get_type ())

G_DECLARE_FINAL_TYPE (PkioOrdersRow, pkio_orders_row, PKIO, ORDERS_ROW, AdwBin)

GtkWidget  *pkio_orders_row_new           (void);
void        pkio_orders_row_set_title     (PkioOrdersRow *self,
                                           const char    *title);
const char *pkio_orders_row_get_title     (PkioOrdersRow *self);
void        pkio_orders_row_set_subtitle  (PkioOrdersRow *self,
                                           const char    *subtitle);
const char *pkio_orders_row_get_subtitle  (PkioOrdersRow *self);
void        pkio_orders_row_set_practice  (PkioOrdersRow *self,
                                           gboolean       practice);
GtkWidget  *pkio_orders_row_add_action    (PkioOrdersRow *self,
                                           const char    *label,
                                           const char    *action_name,
                                           const char    *id);
gboolean    pkio_orders_row_has_actions   (PkioOrdersRow *self);
void        pkio_orders_row_clear_actions (PkioOrdersRow *self);

G_END_DECLS
