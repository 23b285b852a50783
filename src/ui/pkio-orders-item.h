/* pkio-orders-item.h
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

#include <gio/gio.h>

#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-outbox.h"

G_BEGIN_DECLS

#define PKIO_TYPE_ORDERS_ITEM (pkio_orders_item_get_type ())

G_DECLARE_FINAL_TYPE (PkioOrdersItem, pkio_orders_item, PKIO, ORDERS_ITEM, GObject)

PkioOrdersItem         *pkio_orders_item_new_draft         (const PkioDraft        *draft);
PkioOrdersItem         *pkio_orders_item_new_outbox        (const PkioOutboxEntry  *entry);
PkioOrdersItem         *pkio_orders_item_new_history       (const PkioHistoryEntry *entry);

const char             *pkio_orders_item_get_id            (PkioOrdersItem         *self);
gboolean                pkio_orders_item_get_practice      (PkioOrdersItem         *self);
const PkioDraft        *pkio_orders_item_get_draft         (PkioOrdersItem         *self);
const PkioOutboxEntry  *pkio_orders_item_get_outbox_entry  (PkioOrdersItem         *self);
const PkioHistoryEntry *pkio_orders_item_get_history_entry (PkioOrdersItem         *self);
gboolean                pkio_orders_item_shows             (PkioOrdersItem         *self,
                                                            gconstpointer           entry);
gboolean                pkio_orders_item_matches           (PkioOrdersItem         *self,
                                                            const char             *folded);

G_END_DECLS
