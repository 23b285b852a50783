/* pkio-receipt.h
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

#include <gtk/gtk.h>

#include "pkio-history.h"
#include "pkio-order.h"

G_BEGIN_DECLS

#define PKIO_TYPE_RECEIPT (pkio_receipt_get_type ())

G_DECLARE_FINAL_TYPE (PkioReceipt, pkio_receipt, PKIO, RECEIPT, GObject)

PkioReceipt *pkio_receipt_new        (PkioOrder    *order,
                                      gint64        order_id,
                                      gint64        certificate_id,
                                      GDateTime    *submitted,
                                      gboolean      practice);
PkioReceipt *pkio_receipt_new_for_history (const PkioHistoryEntry *entry,
                                           const char             *status);
char        *pkio_receipt_dup_text   (PkioReceipt  *self);
void         pkio_receipt_print_async  (PkioReceipt         *self,
                                        GtkWindow           *parent,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean     pkio_receipt_print_finish (PkioReceipt         *self,
                                        GAsyncResult        *result,
                                        char               **saved_path,
                                        char               **printer,
                                        GError             **error);
char        *pkio_receipt_dup_done_message (const char *saved_path,
                                            const char *printer);
gboolean     pkio_receipt_export_pdf (PkioReceipt  *self,
                                      const char   *filename,
                                      GError      **error);

G_END_DECLS
