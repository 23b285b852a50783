/* pkio-outbox.h
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
#include "pkio-client.h"
#include "pkio-history.h"
#include "pkio-order.h"
#include "pkio-store.h"

G_BEGIN_DECLS

/* Orders waiting to be sent, and the rules that keep an order from being
 * paid twice:
 *
 *  - an entry is written as "sending" before its POST and as "sent" or
 *    "outcome unknown" right after, so a crash never leads to a resend: an
 *    entry found "sending" on load becomes "outcome unknown";
 *  - "outcome unknown" is never sent again on the app's own: it is
 *    reconciled with CertCentral's list of orders first, and only sent
 *    again when the user says so with that knowledge;
 *  - card orders wait for the card details, which are never stored;
 *  - an order queued in practice mode only ever goes to the practice
 *    simulator, and a real one only to CertCentral: each entry is sent in
 *    its own mode only.
 *
 * A sent order goes to the history and leaves the outbox. */

#define PKIO_OUTBOX_ERROR (pkio_outbox_error_quark ())

/**
 * PkioOutboxError:
 * @PKIO_OUTBOX_ERROR_NOT_FOUND: no such entry
 * @PKIO_OUTBOX_ERROR_BUSY: the entry, or the outbox, is being sent already
 * @PKIO_OUTBOX_ERROR_ALREADY_SENT: the order was sent
 * @PKIO_OUTBOX_ERROR_OUTCOME_UNKNOWN: the entry must be reconciled and the
 *   user must decide before it is sent again
 * @PKIO_OUTBOX_ERROR_NEEDS_PAYMENT: a card order needs the card details
 * @PKIO_OUTBOX_ERROR_NO_CLIENT: there is no client (no API key)
 * @PKIO_OUTBOX_ERROR_NO_EMAIL: the order has no email to search by
 * @PKIO_OUTBOX_ERROR_PRACTICE_MISMATCH: a practice order outside practice
 *   mode, or a real order in practice mode
 * @PKIO_OUTBOX_ERROR_ALREADY_QUEUED: the order (its identity) has an entry
 *   already
 */
typedef enum
{
  PKIO_OUTBOX_ERROR_NOT_FOUND,
  PKIO_OUTBOX_ERROR_BUSY,
  PKIO_OUTBOX_ERROR_ALREADY_SENT,
  PKIO_OUTBOX_ERROR_OUTCOME_UNKNOWN,
  PKIO_OUTBOX_ERROR_NEEDS_PAYMENT,
  PKIO_OUTBOX_ERROR_NO_CLIENT,
  PKIO_OUTBOX_ERROR_NO_EMAIL,
  PKIO_OUTBOX_ERROR_PRACTICE_MISMATCH,
  PKIO_OUTBOX_ERROR_ALREADY_QUEUED,
} PkioOutboxError;

typedef enum
{
  PKIO_OUTBOX_STATE_QUEUED,
  PKIO_OUTBOX_STATE_SENDING,
  PKIO_OUTBOX_STATE_SENT,
  PKIO_OUTBOX_STATE_FAILED,
  PKIO_OUTBOX_STATE_NEEDS_PAYMENT,
  PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN,
} PkioOutboxState;

typedef struct
{
  char              *id;              /* the order's identity (PkioOrder:identity) */
  PkioOutboxState    state;
  char              *reason;          /* why it failed or is unknown, for people */
  GDateTime         *created;
  GDateTime         *sent_at;         /* when the last POST began */
  char              *applicant;       /* "first last" */
  char              *email;
  PkioPaymentMethod  payment_method;
  gint64             order_id;        /* once sent, or confirmed by the user */
  gint64             certificate_id;
  gboolean           reconciled;      /* outcome unknown: the account was searched */
  GArray            *candidates;      /* (element-type gint64) orders found then */
  JsonNode          *order;           /* the order as a draft: no card number, no CVV */
  gboolean           practice;        /* queued in practice mode: for the simulator only */
} PkioOutboxEntry;

typedef enum
{
  PKIO_OUTBOX_SEND_NONE            = 0,
  /* The user saw what reconciliation found and asks to send again. */
  PKIO_OUTBOX_SEND_RESEND_CONFIRMED = 1 << 0,
} PkioOutboxSendFlags;

/* What a flush did; each array holds copies of the entries concerned. */
typedef struct
{
  GPtrArray *sent;            /* sent now; order_id is set */
  GPtrArray *failed;          /* refused or failed now (reason set) */
  GPtrArray *outcome_unknown; /* not sent: reconcile and decide */
  GPtrArray *needs_payment;   /* not sent: waiting for card details */
  GPtrArray *queued;          /* still queued (the network went away) */
  GPtrArray *sending;         /* being sent by another PKIo Order right now */
} PkioOutboxReport;

#define PKIO_TYPE_OUTBOX_ENTRY (pkio_outbox_entry_get_type ())
#define PKIO_TYPE_OUTBOX (pkio_outbox_get_type ())

G_DECLARE_FINAL_TYPE (PkioOutbox, pkio_outbox, PKIO, OUTBOX, GObject)

GQuark           pkio_outbox_error_quark           (void);
GType            pkio_outbox_entry_get_type        (void) G_GNUC_CONST;
PkioOutboxEntry *pkio_outbox_entry_copy            (const PkioOutboxEntry *self);
void             pkio_outbox_entry_free            (PkioOutboxEntry       *self);
const char      *pkio_outbox_state_to_string       (PkioOutboxState        state);
const char      *pkio_outbox_state_get_label       (PkioOutboxState        state);
char            *pkio_outbox_entry_dup_found       (const PkioOutboxEntry *self);

void             pkio_outbox_report_free           (PkioOutboxReport      *self);

PkioOutbox      *pkio_outbox_new                   (PkioStore           *store,
                                                    PkioHistory         *history);
void             pkio_outbox_set_account           (PkioOutbox          *self,
                                                    PkioAccount         *account);
void             pkio_outbox_set_client            (PkioOutbox          *self,
                                                    PkioClient          *client);
PkioClient      *pkio_outbox_get_client            (PkioOutbox          *self);
gboolean         pkio_outbox_get_practice          (PkioOutbox          *self);
PkioHistory     *pkio_outbox_get_history           (PkioOutbox          *self);
GPtrArray       *pkio_outbox_dup_entries           (PkioOutbox          *self);
const PkioOutboxEntry *pkio_outbox_lookup          (PkioOutbox          *self,
                                                    const char          *id);
gboolean         pkio_outbox_get_busy              (PkioOutbox          *self);

void             pkio_outbox_load_async            (PkioOutbox          *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_outbox_load_finish           (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GPtrArray          **problems,
                                                    GError             **error);
void             pkio_outbox_enqueue_async         (PkioOutbox          *self,
                                                    PkioOrder           *order,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
char            *pkio_outbox_enqueue_finish        (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_outbox_send_async            (PkioOutbox          *self,
                                                    const char          *id,
                                                    PkioOrder           *card_order,
                                                    PkioOutboxSendFlags  flags,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PkioOrderReceipt *pkio_outbox_send_finish          (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_outbox_reconcile_async       (PkioOutbox          *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
JsonArray       *pkio_outbox_reconcile_finish      (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_outbox_mark_sent_async       (PkioOutbox          *self,
                                                    const char          *id,
                                                    gint64               order_id,
                                                    gint64               certificate_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_outbox_mark_sent_finish      (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_outbox_remove_async          (PkioOutbox          *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean         pkio_outbox_remove_finish         (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void             pkio_outbox_flush_async           (PkioOutbox          *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
PkioOutboxReport *pkio_outbox_flush_finish         (PkioOutbox          *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

void             pkio_outbox_watch_network         (PkioOutbox          *self,
                                                    GNetworkMonitor     *monitor,
                                                    guint                settle_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioOutboxEntry, pkio_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PkioOutboxReport, pkio_outbox_report_free)

G_END_DECLS
