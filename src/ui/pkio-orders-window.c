/* pkio-orders-window.c
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

#include "config.h"

#include <glib/gi18n.h>

#include "pkio-orders-window.h"

/* Drafts, the outbox and the history, one page each. The window only shows
 * and asks; every rule (what may be sent, when) is the outbox's. Opening a
 * draft, or entering a card order's payment details, belongs to the
 * wizard: this window emits a signal for it. */

struct _PkioOrdersWindow
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkListBox      *drafts_list;
  GtkListBox      *outbox_list;
  GtkListBox      *history_list;

  PkioDraftStore  *drafts;
  PkioOutbox      *outbox;
  PkioHistory     *history;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (PkioOrdersWindow, pkio_orders_window, ADW_TYPE_WINDOW)

enum {
  OPEN_DRAFT,
  COMPLETE_PAYMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (PkioOrdersWindow *self,
       const char       *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
toast_error (PkioOrdersWindow *self,
             const GError     *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date);
  /* Translators: a date and time as in "24 Nov 2026 14:05" (strftime) */
  return g_date_time_format (local, _("%e %b %Y %H:%M"));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
row_button (const char *label,
            const char *id,
            GCallback   callback,
            gpointer    self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "id", g_strdup (id), g_free);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);

  return button;
}

static const char *
button_id (GtkWidget *button)
{
  return g_object_get_data (G_OBJECT (button), "id");
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_list_box_set_placeholder (list, label);
}

/* Drafts */

static void
open_draft_cb (PkioOrdersWindow *self,
               GtkWidget        *button)
{
  g_signal_emit (self, signals[OPEN_DRAFT], 0, button_id (button));
}

static void
duplicated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  id = pkio_draft_store_duplicate_finish (PKIO_DRAFT_STORE (object), result, &error);
  if (id == NULL)
    toast_error (self, error);
}

static void
duplicate_draft_cb (PkioOrdersWindow *self,
                    GtkWidget        *button)
{
  pkio_draft_store_duplicate_async (self->drafts, button_id (button), self->cancellable,
                                    duplicated_cb, g_object_ref (self));
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_draft_store_put_finish (PKIO_DRAFT_STORE (object), result, &error))
    toast_error (self, error);
}

static void
undo_delete_cb (AdwToast         *toast_widget,
                PkioOrdersWindow *self)
{
  PkioDraft *draft = g_object_get_data (G_OBJECT (toast_widget), "draft");

  pkio_draft_store_put_async (self->drafts, draft, NULL, restored_cb, g_object_ref (self));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioDraft) draft = NULL;
  AdwToast *undo;

  draft = pkio_draft_store_delete_finish (PKIO_DRAFT_STORE (object), result, &error);
  if (error != NULL)
    {
      toast_error (self, error);
      return;
    }
  if (draft == NULL)
    return;

  /* The draft is kept in memory only as long as the toast can undo. */
  undo = adw_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (undo, _("_Undo"));
  g_object_set_data_full (G_OBJECT (undo), "draft", g_steal_pointer (&draft),
                          (GDestroyNotify) pkio_draft_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
delete_draft_cb (PkioOrdersWindow *self,
                 GtkWidget        *button)
{
  pkio_draft_store_delete_async (self->drafts, button_id (button), NULL, deleted_cb,
                                 g_object_ref (self));
}

static void
rebuild_drafts (PkioOrdersWindow *self)
{
  g_autoptr(GPtrArray) drafts = pkio_draft_store_dup_drafts (self->drafts);

  clear_list (self->drafts_list);
  for (guint i = 0; i < drafts->len; i++)
    {
      const PkioDraft *draft = g_ptr_array_index (drafts, i);
      g_autofree char *date = format_date (draft->modified);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *open;

      /* Translators: a draft's last change, then the wizard page reached */
      subtitle = g_strdup_printf (_("Changed %s · Page: %s"), date,
                                  draft->step ? draft->step : "—");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     draft->applicant ? draft->applicant
                                                      : _("Applicant not entered yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      open = row_button (_("_Open"), draft->id, G_CALLBACK (open_draft_cb), self);
      gtk_widget_add_css_class (open, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("_Duplicate"), draft->id,
                                             G_CALLBACK (duplicate_draft_cb), self));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (_("De_lete"), draft->id,
                                             G_CALLBACK (delete_draft_cb), self));
      gtk_list_box_append (self->drafts_list, row);
    }
}

/* Outbox */

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autofree char *message = NULL;
  g_autofree char *order_id = NULL;

  receipt = pkio_outbox_send_finish (PKIO_OUTBOX (object), result, &error);
  if (receipt == NULL)
    {
      toast_error (self, error);
      return;
    }

  /* Numbers are formatted apart: a G_GINT64_FORMAT in a msgid breaks it. */
  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, receipt->id);
  /* Translators: %s is CertCentral's order number */
  message = g_strdup_printf (_("Order %s placed"), order_id);
  toast (self, message);
}

static void
send_cb (PkioOrdersWindow *self,
         GtkWidget        *button)
{
  pkio_outbox_send_async (self->outbox, button_id (button), NULL, PKIO_OUTBOX_SEND_NONE, NULL,
                          sent_cb, g_object_ref (self));
}

static void
complete_payment_cb (PkioOrdersWindow *self,
                     GtkWidget        *button)
{
  g_signal_emit (self, signals[COMPLETE_PAYMENT], 0, button_id (button));
}

static void
reconciled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) found = NULL;

  found = pkio_outbox_reconcile_finish (PKIO_OUTBOX (object), result, &error);
  if (found == NULL)
    toast_error (self, error);
}

static void
reconcile_cb (PkioOrdersWindow *self,
              GtkWidget        *button)
{
  pkio_outbox_reconcile_async (self->outbox, button_id (button), self->cancellable,
                               reconciled_cb, g_object_ref (self));
}

typedef void (*ConfirmedFunc) (PkioOrdersWindow *self,
                               const char       *id);

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PkioOrdersWindow *self)
{
  ConfirmedFunc func = g_object_get_data (G_OBJECT (dialog), "func");

  if (g_strcmp0 (response, "confirm") == 0)
    func (self, g_object_get_data (G_OBJECT (dialog), "id"));
}

/* Money is involved: the user confirms, and the safe answer is the default. */
static void
confirm (PkioOrdersWindow *self,
         const char       *heading,
         const char       *body,
         const char       *confirm_label,
         const char       *id,
         ConfirmedFunc     func)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (dialog), "func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
marked_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_outbox_mark_sent_finish (PKIO_OUTBOX (object), result, &error))
    toast_error (self, error);
}

static void
mark_sent_confirmed (PkioOrdersWindow *self,
                     const char       *id)
{
  const PkioOutboxEntry *entry = pkio_outbox_lookup (self->outbox, id);

  if (entry == NULL || entry->candidates->len == 0)
    return;

  pkio_outbox_mark_sent_async (self->outbox, id, g_array_index (entry->candidates, gint64, 0),
                               0, NULL, marked_sent_cb, g_object_ref (self));
}

static void
mark_sent_cb (PkioOrdersWindow *self,
              GtkWidget        *button)
{
  const PkioOutboxEntry *entry = pkio_outbox_lookup (self->outbox, button_id (button));
  g_autofree char *body = NULL;
  g_autofree char *order_id = NULL;

  if (entry == NULL || entry->candidates->len == 0)
    return;

  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (entry->candidates, gint64, 0));
  /* Translators: an order number, then the applicant's email address */
  body = g_strdup_printf (_("CertCentral has order %s for %s, made after this one was sent. If it "
                            "is this order, it is recorded as placed and moved to the history."),
                          order_id, entry->email);
  confirm (self, _("Is This the Order?"), body, _("_It Is This Order"), entry->id,
           mark_sent_confirmed);
}

static void
resend_confirmed (PkioOrdersWindow *self,
                  const char       *id)
{
  pkio_outbox_send_async (self->outbox, id, NULL, PKIO_OUTBOX_SEND_RESEND_CONFIRMED, NULL,
                          sent_cb, g_object_ref (self));
}

static void
resend_cb (PkioOrdersWindow *self,
           GtkWidget        *button)
{
  confirm (self, _("Send the Order Again?"),
           _("No order for this applicant was found in the account since it was sent. "
             "If it was placed after all, sending it again orders and pays twice."),
           _("_Send Again"), button_id (button), resend_confirmed);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_outbox_remove_finish (PKIO_OUTBOX (object), result, &error))
    toast_error (self, error);
}

static void
remove_confirmed (PkioOrdersWindow *self,
                  const char       *id)
{
  pkio_outbox_remove_async (self->outbox, id, NULL, removed_cb, g_object_ref (self));
}

static void
remove_cb (PkioOrdersWindow *self,
           GtkWidget        *button)
{
  confirm (self, _("Remove From the Outbox?"),
           _("The order will not be sent. This cannot be undone."),
           _("_Remove"), button_id (button), remove_confirmed);
}

static char *
outbox_subtitle (const PkioOutboxEntry *entry)
{
  g_autofree char *created = format_date (entry->created);
  GString *out = g_string_new (NULL);

  /* Translators: an outbox entry's state, then when it was queued */
  g_string_append_printf (out, _("%s · queued %s"), pkio_outbox_state_get_label (entry->state),
                          created);
  if (entry->reason != NULL)
    g_string_append_printf (out, "\n%s", entry->reason);
  if (entry->state == PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN && entry->reconciled)
    {
      g_string_append_c (out, '\n');
      if (entry->candidates->len == 0)
        g_string_append (out, _("No matching order was found in the account."));
      else
        {
          g_string_append (out, _("Orders found in the account:"));
          for (guint i = 0; i < entry->candidates->len; i++)
            g_string_append_printf (out, " %" G_GINT64_FORMAT,
                                    g_array_index (entry->candidates, gint64, i));
        }
    }

  return g_string_free (out, FALSE);
}

static void
rebuild_outbox (PkioOrdersWindow *self)
{
  g_autoptr(GPtrArray) entries = pkio_outbox_dup_entries (self->outbox);

  clear_list (self->outbox_list);
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *subtitle = outbox_subtitle (entry);
      GtkWidget *row = adw_action_row_new ();
      AdwActionRow *action_row = ADW_ACTION_ROW (row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     entry->applicant ? entry->applicant : "");
      adw_action_row_set_subtitle (action_row, subtitle);
      adw_action_row_set_subtitle_lines (action_row, 0);

      switch (entry->state)
        {
        case PKIO_OUTBOX_STATE_QUEUED:
          adw_action_row_add_suffix (action_row, row_button (_("_Send"), entry->id,
                                                             G_CALLBACK (send_cb), self));
          break;
        case PKIO_OUTBOX_STATE_FAILED:
          if (entry->payment_method == PKIO_PAYMENT_METHOD_CARD)
            adw_action_row_add_suffix (action_row,
                                       row_button (_("_Enter Payment Details"), entry->id,
                                                   G_CALLBACK (complete_payment_cb), self));
          else
            adw_action_row_add_suffix (action_row, row_button (_("_Retry"), entry->id,
                                                               G_CALLBACK (send_cb), self));
          break;
        case PKIO_OUTBOX_STATE_NEEDS_PAYMENT:
          adw_action_row_add_suffix (action_row,
                                     row_button (_("_Enter Payment Details"), entry->id,
                                                 G_CALLBACK (complete_payment_cb), self));
          break;
        case PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN:
          if (!entry->reconciled)
            adw_action_row_add_suffix (action_row,
                                       row_button (_("_Check Account"), entry->id,
                                                   G_CALLBACK (reconcile_cb), self));
          else if (entry->candidates->len > 0)
            adw_action_row_add_suffix (action_row,
                                       row_button (_("It _Was Placed"), entry->id,
                                                   G_CALLBACK (mark_sent_cb), self));
          else if (entry->payment_method != PKIO_PAYMENT_METHOD_CARD)
            adw_action_row_add_suffix (action_row,
                                       row_button (_("Send _Again…"), entry->id,
                                                   G_CALLBACK (resend_cb), self));
          break;
        case PKIO_OUTBOX_STATE_SENDING:
        case PKIO_OUTBOX_STATE_SENT:
        default:
          break;
        }

      if (entry->state != PKIO_OUTBOX_STATE_SENDING && entry->state != PKIO_OUTBOX_STATE_SENT)
        adw_action_row_add_suffix (action_row, row_button (_("Re_move…"), entry->id,
                                                           G_CALLBACK (remove_cb), self));
      gtk_list_box_append (self->outbox_list, row);
    }
}

/* History */

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_refresh_status_finish (PKIO_HISTORY (object), result, &error))
    toast_error (self, error);
}

static void
refresh_cb (PkioOrdersWindow *self,
            GtkWidget        *button)
{
  PkioClient *client = pkio_outbox_get_client (self->outbox);

  if (client == NULL)
    {
      toast (self, _("No API key is set, so the status cannot be asked."));
      return;
    }

  pkio_history_refresh_status_async (self->history, button_id (button), client,
                                     self->cancellable, refreshed_cb, g_object_ref (self));
}

static void
order_cancelled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_cancel_order_finish (PKIO_HISTORY (object), result, &error))
    toast_error (self, error);
  else
    toast (self, _("Order cancelled"));
}

static void
cancel_order_confirmed (PkioOrdersWindow *self,
                        const char       *id)
{
  PkioClient *client = pkio_outbox_get_client (self->outbox);

  if (client == NULL)
    {
      toast (self, _("No API key is set, so the order cannot be cancelled."));
      return;
    }

  /* CertCentral requires a note with a cancellation; it is for the account. */
  pkio_history_cancel_order_async (self->history, id, client, "Cancelled in PKIo Order",
                                   self->cancellable, order_cancelled_cb, g_object_ref (self));
}

static void
cancel_order_cb (PkioOrdersWindow *self,
                 GtkWidget        *button)
{
  confirm (self, _("Cancel the Order?"),
           _("CertCentral cancels the order while it is pending. This cannot be undone."),
           _("Cancel _Order"), button_id (button), cancel_order_confirmed);
}

static void
rebuild_history (PkioOrdersWindow *self)
{
  g_autoptr(GPtrArray) entries = pkio_history_dup_entries (self->history);

  clear_list (self->history_list);
  for (guint i = 0; i < entries->len; i++)
    {
      const PkioHistoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *date = format_date (entry->date);
      g_autofree char *subtitle = NULL;
      g_autofree char *order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
      g_autofree char *certificate_id = entry->certificate_id
                                        ? g_strdup_printf ("%" G_GINT64_FORMAT, entry->certificate_id)
                                        : g_strdup ("—");
      GtkWidget *row = adw_action_row_new ();

      /* Translators: order number, certificate number, CertCentral's status, date */
      subtitle = g_strdup_printf (_("Order %s · certificate %s · %s · %s"), order_id,
                                  certificate_id, entry->status ? entry->status : "—", date);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     entry->applicant ? entry->applicant
                                                      : _("Personal data removed"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (pkio_history_entry_is_pending (entry))
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button (_("_Refresh Status"), entry->id,
                                                 G_CALLBACK (refresh_cb), self));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     row_button (_("Cancel _Order…"), entry->id,
                                                 G_CALLBACK (cancel_order_cb), self));
        }
      gtk_list_box_append (self->history_list, row);
    }
}

static void
csv_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    toast_error (self, error);
  else
    toast (self, _("History exported"));
}

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    PkioOrdersWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = NULL;
  gsize len;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      csv = pkio_history_to_csv (self->history);
      len = strlen (csv);
      g_file_replace_contents_bytes_async (file, g_bytes_new_take (g_steal_pointer (&csv), len),
                                           NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                           csv_written_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
}

static void
export_clicked_cb (PkioOrdersWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export History"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "pkio-order-history.csv");
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
personal_removed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_remove_personal_data_finish (PKIO_HISTORY (object), result, &error))
    toast_error (self, error);
}

static void
remove_personal_confirmed (PkioOrdersWindow *self,
                           const char       *id)
{
  pkio_history_remove_personal_data_async (self->history, NULL, NULL, personal_removed_cb,
                                           g_object_ref (self));
}

static void
remove_personal_clicked_cb (PkioOrdersWindow *self)
{
  confirm (self, _("Remove Personal Data?"),
           _("Names and email addresses are removed from every history entry. Order and "
             "certificate numbers, dates and statuses are kept."),
           _("_Remove"), NULL, remove_personal_confirmed);
}

/* Layout */

static GtkWidget *
new_page (GtkListBox **list,
          GtkWidget   *header)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  *list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (*list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (*list), "boxed-list");
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (header != NULL)
    gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*list));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);

  return scrolled;
}

static void
pkio_orders_window_dispose (GObject *object)
{
  PkioOrdersWindow *self = (PkioOrdersWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (pkio_orders_window_parent_class)->dispose (object);
}

static void
pkio_orders_window_finalize (GObject *object)
{
  PkioOrdersWindow *self = (PkioOrdersWindow *) object;

  g_clear_object (&self->drafts);
  g_clear_object (&self->outbox);
  g_clear_object (&self->history);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pkio_orders_window_parent_class)->finalize (object);
}

static void
pkio_orders_window_class_init (PkioOrdersWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pkio_orders_window_dispose;
  object_class->finalize = pkio_orders_window_finalize;

  /**
   * PkioOrdersWindow::open-draft:
   * @id: the draft's id in the draft store
   *
   * The user wants to continue this draft in the wizard.
   */
  signals[OPEN_DRAFT] = g_signal_new ("open-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PkioOrdersWindow::complete-payment:
   * @id: the outbox entry's id
   *
   * A card order waits for its card details: the wizard's payment page
   * takes them and sends it with pkio_outbox_send_async().
   */
  signals[COMPLETE_PAYMENT] = g_signal_new ("complete-payment", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pkio_orders_window_init (PkioOrdersWindow *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header_bar = adw_header_bar_new ();
  GtkWidget *title = adw_view_switcher_title_new ();
  GtkWidget *switcher_bar = adw_view_switcher_bar_new ();
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  GtkWidget *history_buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export_button = gtk_button_new_with_mnemonic (_("_Export as CSV…"));
  GtkWidget *remove_button = gtk_button_new_with_mnemonic (_("Remove _Personal Data…"));
  AdwViewStackPage *page;

  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Orders"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);

  gtk_widget_set_halign (history_buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (history_buttons), export_button);
  gtk_box_append (GTK_BOX (history_buttons), remove_button);
  g_signal_connect_object (export_button, "clicked", G_CALLBACK (export_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (remove_button, "clicked", G_CALLBACK (remove_personal_clicked_cb),
                           self, G_CONNECT_SWAPPED);

  page = adw_view_stack_add_titled (stack, new_page (&self->drafts_list, NULL), "drafts",
                                    _("Drafts"));
  adw_view_stack_page_set_icon_name (page, "document-edit-symbolic");
  page = adw_view_stack_add_titled (stack, new_page (&self->outbox_list, NULL), "outbox",
                                    _("Outbox"));
  adw_view_stack_page_set_icon_name (page, "mail-outbox-symbolic");
  page = adw_view_stack_add_titled (stack, new_page (&self->history_list, history_buttons),
                                    "history", _("History"));
  adw_view_stack_page_set_icon_name (page, "document-open-recent-symbolic");

  add_placeholder (self->drafts_list, _("No drafts"));
  add_placeholder (self->outbox_list, _("The outbox is empty"));
  add_placeholder (self->history_list, _("No orders placed yet"));

  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (title), stack);
  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (switcher_bar), stack);
  g_object_bind_property (title, "title-visible", switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header_bar), title);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (stack), TRUE);
  adw_toast_overlay_set_child (self->toast_overlay, GTK_WIDGET (stack));
  gtk_box_append (GTK_BOX (toolbar), header_bar);
  gtk_box_append (GTK_BOX (toolbar), GTK_WIDGET (self->toast_overlay));
  gtk_box_append (GTK_BOX (toolbar), switcher_bar);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/**
 * pkio_orders_window_new:
 * @drafts: loaded drafts
 * @outbox: the loaded outbox, with its history loaded
 */
PkioOrdersWindow *
pkio_orders_window_new (GtkWindow      *parent,
                        PkioDraftStore *drafts,
                        PkioOutbox     *outbox)
{
  PkioOrdersWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PKIO_IS_DRAFT_STORE (drafts), NULL);
  g_return_val_if_fail (PKIO_IS_OUTBOX (outbox), NULL);

  self = g_object_new (PKIO_TYPE_ORDERS_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->drafts = g_object_ref (drafts);
  self->outbox = g_object_ref (outbox);
  self->history = g_object_ref (pkio_outbox_get_history (outbox));

  g_signal_connect_object (drafts, "changed", G_CALLBACK (rebuild_drafts), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "changed", G_CALLBACK (rebuild_outbox), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (rebuild_history), self,
                           G_CONNECT_SWAPPED);
  rebuild_drafts (self);
  rebuild_outbox (self);
  rebuild_history (self);

  return self;
}
