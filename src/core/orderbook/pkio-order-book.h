/* pkio-order-book.h
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

#include "pkio-account.h"
#include "pkio-draft-store.h"
#include "pkio-history.h"
#include "pkio-outbox.h"
#include "pkio-settings.h"
#include "pkio-store.h"

G_BEGIN_DECLS

typedef enum
{
  PKIO_ORDER_BOOK_PART_STORE,
  PKIO_ORDER_BOOK_PART_DRAFTS,
  PKIO_ORDER_BOOK_PART_HISTORY,
  PKIO_ORDER_BOOK_PART_OUTBOX,
} PkioOrderBookPart;

typedef enum
{
  PKIO_ORDER_BOOK_OPEN_NONE   = 0,
  /* The window's: the command line has no use for them. */
  PKIO_ORDER_BOOK_OPEN_DRAFTS = 1 << 0,
} PkioOrderBookOpenFlags;

/* Where an order, by its identity, is: never submitted again unless NEW. */
typedef enum
{
  PKIO_ORDER_BOOK_IDENTITY_NEW,       /* nowhere yet, or failed and out of the outbox */
  PKIO_ORDER_BOOK_IDENTITY_QUEUED,    /* waiting in the outbox (or for card details) */
  PKIO_ORDER_BOOK_IDENTITY_SENDING,
  PKIO_ORDER_BOOK_IDENTITY_PLACED,
  PKIO_ORDER_BOOK_IDENTITY_UNKNOWN,   /* sent; whether it was placed is not known */
} PkioOrderBookIdentity;

#define PKIO_TYPE_ORDER_BOOK (pkio_order_book_get_type ())

G_DECLARE_FINAL_TYPE (PkioOrderBook, pkio_order_book, PKIO, ORDER_BOOK, GObject)

PkioOrderBook  *pkio_order_book_new          (PkioStore              *store,
                                              PkioAccount            *account,
                                              PkioSettings           *settings);
PkioStore      *pkio_order_book_get_store    (PkioOrderBook          *self);
PkioAccount    *pkio_order_book_get_account  (PkioOrderBook          *self);
PkioDraftStore *pkio_order_book_get_drafts   (PkioOrderBook          *self);
PkioHistory    *pkio_order_book_get_history  (PkioOrderBook          *self);
PkioOutbox     *pkio_order_book_get_outbox   (PkioOrderBook          *self);
gboolean        pkio_order_book_get_loaded   (PkioOrderBook          *self);
void            pkio_order_book_open_async   (PkioOrderBook          *self,
                                              PkioOrderBookOpenFlags  flags,
                                              GCancellable           *cancellable,
                                              GAsyncReadyCallback     callback,
                                              gpointer                user_data);
gboolean        pkio_order_book_open_finish  (PkioOrderBook          *self,
                                              GAsyncResult           *result,
                                              GError                **error);
void            pkio_order_book_watch        (PkioOrderBook          *self,
                                              GNetworkMonitor        *monitor);
PkioOrderBookIdentity pkio_order_book_get_identity_state (PkioOrderBook   *self,
                                                          const char      *identity);
GPtrArray      *pkio_order_book_dup_identities (PkioOrderBook        *self);
void            pkio_order_book_find_same_applicant_async  (PkioOrderBook       *self,
                                                            PkioOrder           *order,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
GPtrArray      *pkio_order_book_find_same_applicant_finish (PkioOrderBook       *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_END_DECLS
