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
#include <string.h>

#include "pkio-orders-row.h"
#include "pkio-question.h"
#include "pkio-form.h"
#include "pkio-orders-window.h"
#include "pkio-orders-window-private.h"
#include "pkio-receipt.h"
#include "pkio-record-list.h"
#include "pkio-steps.h"

/* Drafts, the outbox and the history, one page each, and the practice
 * history on a page of its own. The window only shows and asks; every
 * rule (what may be sent, when, where to) is the outbox's. Opening a
 * draft, or entering a card order's payment details, belongs to the
 * wizard: this window emits a signal for it.
 *
 * A desk may keep tens of thousands of entries, so each page is a list
 * view over a model: only the rows on screen exist, and a change in a
 * store replaces only the items that changed. */

struct _PkioOrdersWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *search_button;
  AdwViewStack       *stack;
  AdwViewStackPage   *practice_page;
  GtkWidget          *history_practice_note;
  GtkStack           *drafts_stack;
  GtkStack           *outbox_stack;
  GtkStack           *history_stack;
  GtkStack           *practice_stack;
  AdwStatusPage      *drafts_empty;
  AdwStatusPage      *outbox_empty;
  AdwStatusPage      *history_empty;
  AdwStatusPage      *practice_empty;
  GtkListView        *drafts_list;
  GtkListView        *outbox_list;
  GtkListView        *history_list;
  GtkListView        *practice_list;

  /* Models: one store per kind, filtered by the search (and the history
   * by practice) */
  PkioRecordList     *drafts_items;
  PkioRecordList     *outbox_items;
  PkioRecordList     *history_items;
  GtkFilter          *search_filter;
  GtkFilter          *real_filter;
  GtkFilter          *practice_filter;
  char               *search;          /* casefolded */

  PkioDraftStore     *drafts;
  PkioOutbox         *outbox;
  PkioHistory        *history;
  GCancellable       *cancellable;
  gboolean            practice;        /* the mode the rows' actions are for */
};

G_DEFINE_FINAL_TYPE (PkioOrdersWindow, pkio_orders_window, ADW_TYPE_WINDOW)

enum {
  OPEN_DRAFT,
  COMPLETE_PAYMENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * _pkio_orders_window_get_step_title:
 * @step: a wizard step id, as drafts record it
 *
 * Returns: (nullable): the step's page title, translated; %NULL for an id
 *   this version does not know
 */
const char *
_pkio_orders_window_get_step_title (const char *step)
{
  const PkioStep *row = pkio_steps_lookup (step);

  return row != NULL ? _(row->title) : NULL;
}

/* CertCentral's order statuses for people; one this version does not know
 * is shown as CertCentral names it. */
static const char *
status_label (const char *status)
{
  static const struct
  {
    const char *status;
    const char *label;
  } labels[] = {
    { "needs_approval", N_("Waiting for approval") },
    { "pending", N_("Pending") },
    { "issued", N_("Issued") },
    { "rejected", N_("Rejected") },
    { "revoked", N_("Revoked") },
    { "canceled", N_("Cancelled") },
    { "expired", N_("Expired") },
    { "waiting_pickup", N_("Waiting for pickup") },
    { "reissue_pending", N_("Reissue pending") },
  };

  if (status == NULL)
    return "—";

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].status, status))
        return _(labels[i].label);
    }

  return status;
}

/* @title stands in for @message when @message would be cut. */
static void
toast (PkioOrdersWindow *self,
       const char       *title,
       const char       *message)
{
  AdwToast *shown = pkio_toast_new_for_message (GTK_WIDGET (self), title, message);

  pkio_toast_speak (GTK_WIDGET (self), shown);
  adw_toast_overlay_add_toast (self->toast_overlay, shown);
}

static void
toast_error (PkioOrdersWindow *self,
             const char       *title,
             const GError     *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, title, error->message);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;
  char *text;

  if (date == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date);
  /* Translators: a date and time as in "24 Nov 2026 14:05" (strftime) */
  text = g_date_time_format (local, _("%e %b %Y %H:%M"));
  /* GLib pads %e with a figure space: mid-sentence it reads as a gap. */
  while (text != NULL && g_str_has_prefix (text, "\u2007"))
    memmove (text, text + strlen ("\u2007"), strlen (text) - strlen ("\u2007") + 1);

  return g_strchug (text);
}

/* Models */

static void
sync_drafts (PkioOrdersWindow *self)
{
  g_autoptr(GPtrArray) drafts = pkio_draft_store_dup_drafts (self->drafts);

  pkio_record_list_sync (self->drafts_items, drafts);
}

static void
sync_outbox (PkioOrdersWindow *self)
{
  g_autoptr(GPtrArray) entries = pkio_outbox_dup_entries (self->outbox);

  pkio_record_list_sync (self->outbox_items, entries);
}

static void update_empty (PkioOrdersWindow *self);

static void
sync_history (PkioOrdersWindow *self)
{
  g_autoptr(GPtrArray) entries = pkio_history_dup_entries (self->history);
  gboolean any_practice = FALSE;
  gboolean any_real = FALSE;

  pkio_record_list_sync (self->history_items, entries);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.remove-personal-data", entries->len > 0);

  /* The practice page is there while there is practice history, or
   * while practising: never mixed into the real history. */
  for (guint i = 0; i < entries->len && !(any_practice && any_real); i++)
    {
      if (((const PkioHistoryEntry *) g_ptr_array_index (entries, i))->practice)
        any_practice = TRUE;
      else
        any_real = TRUE;
    }
  adw_view_stack_page_set_visible (self->practice_page, any_practice || self->practice);
  update_empty (self);
  /* The export holds real orders only. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", any_real);
}

/* The row actions are for the mode the app is in; when it changed (in
 * Preferences, say), every row is made again. */
static void
update_mode (PkioOrdersWindow *self)
{
  gboolean practice = pkio_outbox_get_practice (self->outbox);

  gtk_widget_set_visible (self->history_practice_note, practice);
  if (practice == self->practice)
    return;

  self->practice = practice;
  pkio_record_list_clear (self->drafts_items);
  pkio_record_list_clear (self->outbox_items);
  pkio_record_list_clear (self->history_items);
  sync_drafts (self);
  sync_outbox (self);
  sync_history (self);
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  PkioOrdersWindow *self = user_data;

  return pkio_record_matches (item, self->search);
}

static gboolean
real_filter_func (gpointer item,
                  gpointer user_data)
{
  PkioOrdersWindow *self = user_data;

  return !pkio_record_get_practice (item) && pkio_record_matches (item, self->search);
}

static gboolean
practice_filter_func (gpointer item,
                      gpointer user_data)
{
  PkioOrdersWindow *self = user_data;

  return pkio_record_get_practice (item) && pkio_record_matches (item, self->search);
}

static void
on_search_changed (PkioOrdersWindow *self)
{
  g_autofree char *folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                             -1);
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_strstrip (folded);
  if (g_strcmp0 (folded, self->search) == 0)
    return;

  /* Typing on narrows what is shown, deleting widens it: the filter then
   * looks only at the items it must. */
  if (strstr (folded, self->search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  gtk_filter_changed (self->search_filter, change);
  gtk_filter_changed (self->real_filter, change);
  gtk_filter_changed (self->practice_filter, change);
}

static void
on_stop_search (PkioOrdersWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

static void
show_found_cb (GtkButton        *button,
               PkioOrdersWindow *self)
{
  adw_view_stack_set_visible_child_name (self->stack,
                                         g_object_get_data (G_OBJECT (button), "page"));
}

/* The list, or a page that says why there is none; while searching, each
 * page's badge counts what it holds, and a page without a match says on
 * which others the search found something, with a button to go there. */
static void
update_empty (PkioOrdersWindow *self)
{
  struct
  {
    const char    *name;
    GtkListView   *list;
    GtkStack      *stack;
    AdwStatusPage *empty;
    const char    *none;
    guint          n;
    const char    *title;
    gboolean       shown;
  } pages[] = {
    { "drafts", self->drafts_list, self->drafts_stack, self->drafts_empty, _("No Drafts") },
    { "outbox", self->outbox_list, self->outbox_stack, self->outbox_empty,
      _("The Outbox Is Empty") },
    { "history", self->history_list, self->history_stack, self->history_empty,
      _("No Orders Placed Yet") },
    { "practice", self->practice_list, self->practice_stack, self->practice_empty,
      _("No Practice Orders") },
  };
  gboolean searching = self->search != NULL && self->search[0] != '\0';

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (self->stack, pages[i].name);
      AdwViewStackPage *page = child ? adw_view_stack_get_page (self->stack, child) : NULL;

      pages[i].n = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (pages[i].list)));
      pages[i].title = page ? adw_view_stack_page_get_title (page) : pages[i].name;
      pages[i].shown = page != NULL && adw_view_stack_page_get_visible (page);
      if (page != NULL)
        adw_view_stack_page_set_badge_number (page, searching ? pages[i].n : 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *button = adw_status_page_get_child (pages[i].empty);
      g_autoptr(GString) found = g_string_new (NULL);
      const char *first = NULL;

      if (pages[i].n > 0)
        {
          gtk_stack_set_visible_child_name (pages[i].stack, "list");
          continue;
        }

      for (guint j = 0; searching && j < G_N_ELEMENTS (pages); j++)
        {
          if (j == i || pages[j].n == 0 || !pages[j].shown)
            continue;
          if (found->len > 0)
            g_string_append (found, ", ");
          /* Translators: a page of the orders window and how many
           * entries on it match the search, e.g. "History (2)" */
          g_string_append_printf (found, _("%s (%u)"), pages[j].title, pages[j].n);
          if (first == NULL)
            first = pages[j].name;
        }

      if (button == NULL)
        {
          button = gtk_button_new ();
          gtk_button_set_use_underline (GTK_BUTTON (button), TRUE);
          gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "pill");
          gtk_widget_add_css_class (button, "suggested-action");
          g_signal_connect_object (button, "clicked", G_CALLBACK (show_found_cb), self, 0);
          adw_status_page_set_child (pages[i].empty, button);
        }
      gtk_widget_set_visible (button, first != NULL);

      if (first != NULL)
        {
          g_autofree char *description = NULL;
          g_autofree char *label = NULL;
          const char *first_title = NULL;

          for (guint j = 0; j < G_N_ELEMENTS (pages); j++)
            if (pages[j].name == first)
              first_title = pages[j].title;

          /* Translators: %s lists pages with their matches, e.g.
           * "History (2), Outbox (1)" */
          description = g_strdup_printf (_("Found in %s."), found->str);
          /* Translators: a button that goes to a page, e.g. "Show History" */
          label = g_strdup_printf (_("Show %s"), first_title);
          adw_status_page_set_title (pages[i].empty, _("Not on This Page"));
          adw_status_page_set_description (pages[i].empty, description);
          gtk_button_set_label (GTK_BUTTON (button), label);
          g_object_set_data (G_OBJECT (button), "page", (gpointer) first);
        }
      else
        {
          adw_status_page_set_title (pages[i].empty, searching ? _("No Matches") : pages[i].none);
          adw_status_page_set_description (pages[i].empty,
                                           searching ? _("Nothing here holds that name, email "
                                                         "or number.")
                                                     : NULL);
        }
      gtk_stack_set_visible_child_name (pages[i].stack, "empty");
    }
}

static void
set_model (PkioOrdersWindow *self,
           GtkListView      *list,
           PkioRecordList   *store,
           GtkFilter        *filter,
           GCallback         changed)
{
  GtkFilterListModel *filtered;
  g_autoptr(GtkNoSelection) selection = NULL;

  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), g_object_ref (filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  g_signal_connect_object (selection, "items-changed", changed, self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (selection));
}

/* Rows */

static void
on_row_setup (PkioOrdersWindow *self,
              GtkListItem      *list_item)
{
  gtk_list_item_set_child (list_item, pkio_orders_row_new ());
  /* Focusable even without buttons, so that every row can be read. */
  gtk_list_item_set_activatable (list_item, TRUE);
}

/* A row with buttons is reached by Tab on its first button, where Orca
 * says the row (the group the button is in) and the button. The row
 * itself is a Tab stop only without buttons, to be read: Orca 48 said it,
 * "not selected" and all its buttons, then the row again on the first
 * button. GTK 4.12 and later let a list's row step aside. */
static void
finish_row (GtkListItem *list_item)
{
  PkioOrdersRow *row = PKIO_ORDERS_ROW (gtk_list_item_get_child (list_item));

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (list_item), "focusable") != NULL)
    g_object_set (list_item, "focusable", !pkio_orders_row_has_actions (row), NULL);
}

static PkioOrdersRow *
start_row (GtkListItem  *list_item,
           PkioRecord  **item)
{
  PkioOrdersRow *row = PKIO_ORDERS_ROW (gtk_list_item_get_child (list_item));

  *item = gtk_list_item_get_item (list_item);
  pkio_orders_row_clear_actions (row);
  pkio_orders_row_set_practice (row, pkio_record_get_practice (*item));

  return row;
}

static void
on_drafts_bind (PkioOrdersWindow *self,
                GtkListItem      *list_item)
{
  PkioRecord *item;
  PkioOrdersRow *row = start_row (list_item, &item);
  const PkioDraft *draft = pkio_record_get_draft (item);
  const char *step = _pkio_orders_window_get_step_title (draft->step);
  g_autofree char *date = format_date (draft->modified);
  g_autofree char *subtitle = NULL;
  GtkWidget *open;

  /* Translators: a draft's last change, then the wizard page reached */
  subtitle = g_strdup_printf (_("Changed %s · Page: %s"), date, step ? step : "—");
  pkio_orders_row_set_title (row, draft->applicant ? draft->applicant
                                                   : _("Applicant not entered yet"));
  pkio_orders_row_set_subtitle (row, subtitle);

  open = pkio_orders_row_add_action (row, _("_Open"), "orders.open-draft", draft->id);
  gtk_widget_add_css_class (open, "suggested-action");
  pkio_orders_row_add_action (row, _("_Duplicate"), "orders.duplicate-draft", draft->id);
  pkio_orders_row_add_action (row, _("De_lete"), "orders.delete-draft", draft->id);
  finish_row (list_item);
}

static char *
outbox_subtitle (PkioOrdersWindow      *self,
                 const PkioOutboxEntry *entry)
{
  g_autofree char *created = format_date (entry->created);
  g_autofree char *found = pkio_outbox_entry_dup_found (entry);
  GString *out = g_string_new (NULL);

  /* Translators: an outbox entry's state, e.g. "Queued", then when it was
   * put in the outbox */
  g_string_append_printf (out, _("%s · added %s"), pkio_outbox_state_get_label (entry->state),
                          created);
  if (entry->practice && !self->practice)
    g_string_append_printf (out, "\n%s", _("Practice order: it only goes to the practice "
                                           "simulator, in practice mode."));
  else if (!entry->practice && self->practice)
    g_string_append_printf (out, "\n%s", _("Real order: it is not sent while practice mode is "
                                           "on."));
  if (entry->reason != NULL)
    g_string_append_printf (out, "\n%s", entry->reason);
  if (found != NULL)
    g_string_append_printf (out, "\n%s", found);

  return g_string_free (out, FALSE);
}

static void
on_outbox_bind (PkioOrdersWindow *self,
                GtkListItem      *list_item)
{
  PkioRecord *item;
  PkioOrdersRow *row = start_row (list_item, &item);
  const PkioOutboxEntry *entry = pkio_record_get_outbox_entry (item);
  g_autofree char *subtitle = outbox_subtitle (self, entry);
  const char *id = entry->id;

  pkio_orders_row_set_title (row, entry->applicant ? entry->applicant : "");
  pkio_orders_row_set_subtitle (row, subtitle);

  /* The other mode's orders can only be removed from here. */
  if (entry->practice == self->practice)
    {
      switch (entry->state)
        {
        case PKIO_OUTBOX_STATE_QUEUED:
          pkio_orders_row_add_action (row, _("_Send"), "orders.send", id);
          break;
        case PKIO_OUTBOX_STATE_FAILED:
          if (entry->payment_method == PKIO_PAYMENT_METHOD_CARD)
            pkio_orders_row_add_action (row, _("_Enter Payment Details"), "orders.complete-payment",
                                        id);
          else
            pkio_orders_row_add_action (row, _("_Retry"), "orders.send", id);
          break;
        case PKIO_OUTBOX_STATE_NEEDS_PAYMENT:
          pkio_orders_row_add_action (row, _("_Enter Payment Details"), "orders.complete-payment",
                                      id);
          break;
        case PKIO_OUTBOX_STATE_OUTCOME_UNKNOWN:
          if (!entry->reconciled)
            pkio_orders_row_add_action (row, _("_Check Account"), "orders.reconcile", id);
          else if (entry->candidates->len > 0)
            pkio_orders_row_add_action (row, _("It _Was Placed"), "orders.mark-sent", id);
          else if (entry->payment_method != PKIO_PAYMENT_METHOD_CARD)
            pkio_orders_row_add_action (row, _("Send _Again…"), "orders.resend", id);
          break;
        case PKIO_OUTBOX_STATE_SENDING:
        case PKIO_OUTBOX_STATE_SENT:
        default:
          break;
        }
    }

  if (entry->state != PKIO_OUTBOX_STATE_SENDING && entry->state != PKIO_OUTBOX_STATE_SENT)
    pkio_orders_row_add_action (row, _("Re_move…"), "orders.remove", id);
  finish_row (list_item);
}

static void
history_bind (PkioOrdersWindow *self,
              GtkListItem      *list_item)
{
  PkioRecord *item;
  PkioOrdersRow *row = start_row (list_item, &item);
  const PkioHistoryEntry *entry = pkio_record_get_history_entry (item);
  g_autofree char *date = format_date (entry->date);
  g_autofree char *subtitle = NULL;
  g_autofree char *order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  g_autofree char *certificate_id = entry->certificate_id
                                    ? g_strdup_printf ("%" G_GINT64_FORMAT, entry->certificate_id)
                                    : g_strdup ("—");

  /* Translators: order number, certificate number, CertCentral's status, date */
  subtitle = g_strdup_printf (_("Order %s · certificate %s · %s · %s"), order_id,
                              certificate_id, status_label (entry->status), date);
  pkio_orders_row_set_title (row, entry->applicant ? entry->applicant
                                                   : _("Personal data removed"));
  pkio_orders_row_set_subtitle (row, subtitle);

  pkio_orders_row_add_action (row, _("_Details…"), "orders.show-order", entry->id);
  /* A practice order is asked about only in practice mode (the simulator
   * knows it), a real one only outside it. */
  if (pkio_history_entry_is_pending (entry) && entry->practice == self->practice)
    {
      pkio_orders_row_add_action (row, _("_Refresh Status"), "orders.refresh-status", entry->id);
      pkio_orders_row_add_action (row, _("Cancel _Order…"), "orders.cancel-order", entry->id);
    }
  finish_row (list_item);
}

static void
on_history_bind (PkioOrdersWindow *self,
                 GtkListItem      *list_item)
{
  history_bind (self, list_item);
}

static void
on_practice_bind (PkioOrdersWindow *self,
                  GtkListItem      *list_item)
{
  history_bind (self, list_item);
}

static void
drafts_activate_cb (PkioOrdersWindow *self,
                    guint             position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->drafts_list));
  g_autoptr(PkioRecord) item = g_list_model_get_item (model, position);

  if (item != NULL)
    g_signal_emit (self, signals[OPEN_DRAFT], 0, pkio_record_get_id (item));
}

/* Drafts */

static void
open_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  g_signal_emit (widget, signals[OPEN_DRAFT], 0, g_variant_get_string (param, NULL));
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
    toast_error (self, _("The draft could not be copied"), error);
}

static void
duplicate_draft_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);

  pkio_draft_store_duplicate_async (self->drafts, g_variant_get_string (param, NULL),
                                    self->cancellable, duplicated_cb, g_object_ref (self));
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_draft_store_put_finish (PKIO_DRAFT_STORE (object), result, &error))
    toast_error (self, _("The draft could not be restored"), error);
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
      toast_error (self, _("The draft could not be deleted"), error);
      return;
    }
  if (draft == NULL)
    return;

  /* The draft is kept in memory only as long as the toast can undo. */
  undo = pkio_toast_new (_("Draft deleted"));
  adw_toast_set_button_label (undo, _("_Undo"));
  g_object_set_data_full (G_OBJECT (undo), "draft", g_steal_pointer (&draft),
                          (GDestroyNotify) pkio_draft_free);
  g_signal_connect_object (undo, "button-clicked", G_CALLBACK (undo_delete_cb), self, 0);
  pkio_toast_speak (GTK_WIDGET (self), undo);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
delete_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);

  pkio_draft_store_delete_async (self->drafts, g_variant_get_string (param, NULL), NULL,
                                 deleted_cb, g_object_ref (self));
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
      toast_error (self, _("The order could not be sent"), error);
      return;
    }

  /* Numbers are formatted apart: a G_GINT64_FORMAT in a msgid breaks it. */
  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, receipt->id);
  /* Translators: %s is CertCentral's order number */
  message = g_strdup_printf (_("Order %s placed"), order_id);
  toast (self, message, message);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);

  pkio_outbox_send_async (self->outbox, g_variant_get_string (param, NULL), NULL,
                          PKIO_OUTBOX_SEND_NONE, NULL, sent_cb, g_object_ref (self));
}

static void
complete_payment_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  g_signal_emit (widget, signals[COMPLETE_PAYMENT], 0, g_variant_get_string (param, NULL));
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
    toast_error (self, _("The outbox could not be checked"), error);
}

static void
reconcile_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);

  pkio_outbox_reconcile_async (self->outbox, g_variant_get_string (param, NULL), self->cancellable,
                               reconciled_cb, g_object_ref (self));
}

typedef void (*ConfirmedFunc) (PkioOrdersWindow *self,
                               const char       *id);

static void
confirm_response_cb (GObject          *dialog,
                     const char       *response,
                     PkioOrdersWindow *self)
{
  ConfirmedFunc func = g_object_get_data (dialog, "func");

  if (g_strcmp0 (response, "confirm") == 0)
    func (self, g_object_get_data (dialog, "id"));
}

/* AdwAlertDialog where libadwaita has it (1.5): AdwMessageDialog, its
 * predecessor, is deprecated there and its labels get measured too narrow
 * (a fatal Gtk-WARNING under test on 1.7). */
#if ADW_CHECK_VERSION (1, 5, 0)
static gboolean
have_alert_dialog (void)
{
  return adw_get_major_version () > 1 || adw_get_minor_version () >= 5;
}
#endif

/* Money is involved: the user confirms, and the safe answer is the default. */
static void
confirm_full (PkioOrdersWindow *self,
              const char       *heading,
              const char       *body,
              const char       *cancel_label,
              const char       *confirm_label,
              const char       *id,
              ConfirmedFunc     func)
{
  GObject *dialog = NULL;

#if ADW_CHECK_VERSION (1, 5, 0)
  if (have_alert_dialog ())
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      AdwAlertDialog *alert = ADW_ALERT_DIALOG (adw_alert_dialog_new (heading, body));

      adw_alert_dialog_add_responses (alert, "cancel", cancel_label, "confirm", confirm_label,
                                      NULL);
      adw_alert_dialog_set_response_appearance (alert, "confirm", ADW_RESPONSE_DESTRUCTIVE);
      adw_alert_dialog_set_default_response (alert, "cancel");
      adw_alert_dialog_set_close_response (alert, "cancel");
#if ADW_CHECK_VERSION (1, 6, 0)
      /* Responses that do not fit side by side get stacked, and stacking
       * measures their labels too narrow on 1.7 (the same Gtk-WARNING):
       * in Dutch and French they do not fit. The wide layout keeps them
       * side by side. */
      if (adw_get_major_version () > 1 || adw_get_minor_version () >= 6)
        adw_alert_dialog_set_prefer_wide_layout (alert, TRUE);
#endif
      dialog = G_OBJECT (alert);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
#endif
  if (dialog == NULL)
    {
      AdwMessageDialog *message = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                              heading, body));

      adw_message_dialog_add_responses (message, "cancel", cancel_label, "confirm",
                                        confirm_label, NULL);
      adw_message_dialog_set_response_appearance (message, "confirm", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (message, "cancel");
      adw_message_dialog_set_close_response (message, "cancel");
      dialog = G_OBJECT (message);
    }

  gtk_widget_set_name (GTK_WIDGET (dialog), "orders-confirm");
  g_object_set_data_full (dialog, "id", g_strdup (id), g_free);
  g_object_set_data (dialog, "func", func);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);

#if ADW_CHECK_VERSION (1, 5, 0)
  if (have_alert_dialog ())
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
      G_GNUC_END_IGNORE_DEPRECATIONS
      return;
    }
#endif
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
confirm (PkioOrdersWindow *self,
         const char       *heading,
         const char       *body,
         const char       *confirm_label,
         const char       *id,
         ConfirmedFunc     func)
{
  confirm_full (self, heading, body, _("_Cancel"), confirm_label, id, func);
}

static void
marked_sent_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_outbox_mark_sent_finish (PKIO_OUTBOX (object), result, &error))
    toast_error (self, _("The order could not be marked as sent"), error);
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
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);
  const PkioOutboxEntry *entry = pkio_outbox_lookup (self->outbox,
                                                     g_variant_get_string (param, NULL));
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
resend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  confirm (PKIO_ORDERS_WINDOW (widget), _("Send the Order Again?"),
           _("No order for this applicant was found in the account since it was sent. "
             "If it was placed after all, sending it again orders and pays twice."),
           _("_Send Again"), g_variant_get_string (param, NULL), resend_confirmed);
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_outbox_remove_finish (PKIO_OUTBOX (object), result, &error))
    toast_error (self, _("The order could not be removed"), error);
}

static void
remove_confirmed (PkioOrdersWindow *self,
                  const char       *id)
{
  pkio_outbox_remove_async (self->outbox, id, NULL, removed_cb, g_object_ref (self));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  confirm (PKIO_ORDERS_WINDOW (widget), _("Remove From the Outbox?"),
           _("The order will not be sent. This cannot be undone."),
           _("_Remove"), g_variant_get_string (param, NULL), remove_confirmed);
}

/* History */

typedef struct
{
  PkioOrdersWindow *self;
  char             *id;
} Refresh;

static void
refresh_free (Refresh *refresh)
{
  g_object_unref (refresh->self);
  g_free (refresh->id);
  g_free (refresh);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  PkioOrdersWindow *self = refresh->self;
  g_autoptr(GError) error = NULL;
  const PkioHistoryEntry *entry;
  g_autofree char *order_id = NULL;
  g_autofree char *message = NULL;

  if (!pkio_history_refresh_status_finish (PKIO_HISTORY (object), result, &error))
    {
      toast_error (self, _("The status could not be asked"), error);
      return;
    }

  /* Said even when nothing changed: otherwise the button seems to do
   * nothing. */
  entry = pkio_history_lookup (PKIO_HISTORY (object), refresh->id);
  if (entry == NULL)
    return;
  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  /* Translators: an order number, then its status, e.g. "Order 1234: Pending" */
  message = g_strdup_printf (_("Order %s: %s"), order_id, status_label (entry->status));
  toast (self, message, message);
}

static void
refresh_status_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);
  /* The client of the mode the app is in; the history refuses an entry
   * of the other mode. */
  PkioClient *client = pkio_outbox_get_client (self->outbox);
  Refresh *refresh;

  if (client == NULL)
    {
      toast (self, _("No API key is set"), _("No API key is set, so the status cannot be asked."));
      return;
    }

  refresh = g_new0 (Refresh, 1);
  refresh->self = g_object_ref (self);
  refresh->id = g_variant_dup_string (param, NULL);
  pkio_history_refresh_status_async (self->history, refresh->id, client, self->cancellable,
                                     refreshed_cb, refresh);
}

static void
order_cancelled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_cancel_order_finish (PKIO_HISTORY (object), result, &error))
    toast_error (self, _("The order could not be cancelled"), error);
  else
    toast (self, _("Order cancelled"), _("Order cancelled"));
}

static void
cancel_order_confirmed (PkioOrdersWindow *self,
                        const char       *id)
{
  PkioClient *client = pkio_outbox_get_client (self->outbox);

  if (client == NULL)
    {
      toast (self, _("No API key is set"),
             _("No API key is set, so the order cannot be cancelled."));
      return;
    }

  /* CertCentral requires a note with a cancellation; it is for the account. */
  pkio_history_cancel_order_async (self->history, id, client, "Cancelled in PKIo Order",
                                   self->cancellable, order_cancelled_cb, g_object_ref (self));
}

static void
cancel_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);
  const PkioHistoryEntry *entry = pkio_history_lookup (self->history,
                                                       g_variant_get_string (param, NULL));
  g_autofree char *order_id = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *date = NULL;

  if (entry == NULL)
    return;

  /* Which order, by the number CertCentral knows and the person it is
   * for: on a desk, the one beside it may be for someone else. */
  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  date = format_date (entry->date);
  /* Translators: %s is an order number */
  heading = g_strdup_printf (_("Cancel Order %s?"), order_id);
  if (entry->applicant != NULL)
    /* Translators: the applicant's name, then when the order was placed */
    body = g_strdup_printf (_("The order for %s, placed %s, is cancelled at CertCentral while it "
                              "is pending. This cannot be undone."),
                            entry->applicant, g_strstrip (date));
  else
    /* Translators: %s is when the order was placed */
    body = g_strdup_printf (_("The order placed %s is cancelled at CertCentral while it is "
                              "pending. This cannot be undone."), g_strstrip (date));

  /* "Cancel" beside "Cancel Order" would read as either. */
  confirm_full (self, heading, body, _("_Keep Order"), _("Cancel _Order"), entry->id,
                cancel_order_confirmed);
}

static void
refresh_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);

  /* The app's own follow-up asks now, with its pace and its client. */
  if (!pkio_history_watch_now (self->history))
    toast (self, _("No API key is set"), _("No API key is set, so the status cannot be asked."));
}

/* An order's details, from the history: what it is, and its receipt
 * printed again. */

static void
details_printed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *printer = NULL;
  g_autofree char *message = NULL;

  if (!pkio_receipt_print_finish (PKIO_RECEIPT (object), result, &path, &printer, &error))
    {
      toast_error (self, _("The receipt could not be printed"), error);
      return;
    }

  message = pkio_receipt_dup_done_message (path, printer);
  toast (self, path != NULL ? _("Receipt saved") : _("Receipt printed"), message);
}

static void
details_print_cb (GtkButton        *button,
                  PkioOrdersWindow *self)
{
  GtkWindow *details = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button)));
  const PkioHistoryEntry *entry = pkio_history_lookup (self->history,
                                                       g_object_get_data (G_OBJECT (button), "id"));
  g_autoptr(PkioReceipt) receipt = NULL;

  if (entry == NULL || entry->order_id <= 0)
    return;

  receipt = pkio_receipt_new_for_history (entry, status_label (entry->status));
  pkio_receipt_print_async (receipt, details, self->cancellable, details_printed_cb,
                            g_object_ref (self));
}

/* The row's own actions, from the details: they act in the orders window,
 * where their answers are shown. */
static void
details_action_cb (GtkButton        *button,
                   PkioOrdersWindow *self)
{
  const char *action = g_object_get_data (G_OBJECT (button), "action");
  const char *id = g_object_get_data (G_OBJECT (button), "id");

  gtk_window_close (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))));
  gtk_widget_activate_action (GTK_WIDGET (self), action, "s", id);
}

static void
add_detail (AdwPreferencesGroup *group,
            const char          *label,
            const char          *value)
{
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return;

  /* The value in the row's main text, where it is read, and selectable
   * to be copied; what it is below it. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
}

static GtkWidget *
details_button (PkioOrdersWindow *self,
                const char       *label,
                const char       *id,
                const char       *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  g_object_set_data_full (G_OBJECT (button), "id", g_strdup (id), g_free);
  if (action != NULL)
    {
      g_object_set_data (G_OBJECT (button), "action", (gpointer) action);
      g_signal_connect_object (button, "clicked", G_CALLBACK (details_action_cb), self, 0);
    }
  else
    g_signal_connect_object (button, "clicked", G_CALLBACK (details_print_cb), self, 0);

  return button;
}

static void
show_order (PkioOrdersWindow *self,
            const char       *id)
{
  const PkioHistoryEntry *entry = pkio_history_lookup (self->history, id);
  g_autofree char *order_id = NULL;
  g_autofree char *certificate_id = NULL;
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  AdwWindow *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *page;
  GtkWidget *group;
  GtkWidget *buttons;
  GtkWidget *print;
  GtkEventController *shortcuts;

  if (entry == NULL)
    return;

  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  if (entry->certificate_id > 0)
    certificate_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->certificate_id);
  date = format_date (entry->date);
  /* Translators: a window's title; %s is an order number */
  title = g_strdup_printf (_("Order %s"), order_id);

  window = ADW_WINDOW (adw_window_new ());
  gtk_widget_set_name (GTK_WIDGET (window), "order-details");
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), 440, 560);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  group = adw_preferences_group_new ();
  if (entry->practice)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           _("Practice order: it went to the simulator on this "
                                             "computer. Nothing was ordered or charged."));
  add_detail (ADW_PREFERENCES_GROUP (group), _("Applicant"),
              entry->applicant ? entry->applicant : _("Personal data removed"));
  add_detail (ADW_PREFERENCES_GROUP (group), _("Email"), entry->email);
  add_detail (ADW_PREFERENCES_GROUP (group), _("Order number"), order_id);
  add_detail (ADW_PREFERENCES_GROUP (group), _("Certificate number"),
              certificate_id ? certificate_id : _("Not known yet"));
  add_detail (ADW_PREFERENCES_GROUP (group), _("Status"), status_label (entry->status));
  add_detail (ADW_PREFERENCES_GROUP (group), _("Placed"), g_strstrip (date));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 12);
  print = details_button (self, _("_Print Receipt…"), entry->id, NULL);
  gtk_widget_add_css_class (print, "suggested-action");
  gtk_box_append (GTK_BOX (buttons), print);
  /* Asked about only in the mode that knows the order, as on its row. */
  if (pkio_history_entry_is_pending (entry) && entry->practice == self->practice)
    {
      gtk_box_append (GTK_BOX (buttons), details_button (self, _("_Refresh Status"), entry->id,
                                                         "orders.refresh-status"));
      gtk_box_append (GTK_BOX (buttons), details_button (self, _("Cancel _Order…"), entry->id,
                                                         "orders.cancel-order"));
    }
  group = adw_preferences_group_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), buttons);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  gtk_box_append (GTK_BOX (box), page);

  adw_window_set_content (window, box);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_grab_focus (print);
}

static void
show_order_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  show_order (PKIO_ORDERS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
history_activate (PkioOrdersWindow *self,
                  GtkListView      *list,
                  guint             position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(PkioRecord) item = g_list_model_get_item (model, position);

  if (item != NULL)
    show_order (self, pkio_record_get_id (item));
}

static void
history_activate_cb (PkioOrdersWindow *self,
                     guint             position)
{
  history_activate (self, self->history_list, position);
}

static void
practice_activate_cb (PkioOrdersWindow *self,
                      guint             position)
{
  history_activate (self, self->practice_list, position);
}

static void
csv_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioOrdersWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    toast_error (self, _("The history could not be exported"), error);
  else
    toast (self, _("History exported"), _("History exported"));
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
      /* Real orders only: practice orders were never placed. */
      csv = pkio_history_to_csv (self->history);
      len = strlen (csv);
      g_file_replace_contents_bytes_async (file, g_bytes_new_take (g_steal_pointer (&csv), len),
                                           NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL,
                                           csv_written_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);
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
    toast_error (self, _("The personal data could not be removed"), error);
}

static void
remove_personal_confirmed (PkioOrdersWindow *self,
                           const char       *id)
{
  pkio_history_remove_personal_data_async (self->history, NULL, NULL, personal_removed_cb,
                                           g_object_ref (self));
}

static void
remove_personal_data_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  confirm (PKIO_ORDERS_WINDOW (widget), _("Remove Personal Data?"),
           _("Names and email addresses are removed from every history entry. Order and "
             "certificate numbers, dates and statuses are kept."),
           _("_Remove"), NULL, remove_personal_confirmed);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PkioOrdersWindow *self = PKIO_ORDERS_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
pkio_orders_window_dispose (GObject *object)
{
  PkioOrdersWindow *self = (PkioOrdersWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_ORDERS_WINDOW);

  G_OBJECT_CLASS (pkio_orders_window_parent_class)->dispose (object);
}

static void
pkio_orders_window_finalize (GObject *object)
{
  PkioOrdersWindow *self = (PkioOrdersWindow *) object;

  g_clear_object (&self->drafts_items);
  g_clear_object (&self->outbox_items);
  g_clear_object (&self->history_items);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->real_filter);
  g_clear_object (&self->practice_filter);
  g_clear_pointer (&self->search, g_free);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pkioorder/PkioOrder/pkio-orders-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, practice_page);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, history_practice_note);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, drafts_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, outbox_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, history_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, practice_stack);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, drafts_empty);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, outbox_empty);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, history_empty);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, practice_empty);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, outbox_list);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, history_list);
  gtk_widget_class_bind_template_child (widget_class, PkioOrdersWindow, practice_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_drafts_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_outbox_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_history_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_practice_bind);

  gtk_widget_class_install_action (widget_class, "orders.open-draft", "s", open_draft_action);
  gtk_widget_class_install_action (widget_class, "orders.duplicate-draft", "s",
                                   duplicate_draft_action);
  gtk_widget_class_install_action (widget_class, "orders.delete-draft", "s", delete_draft_action);
  gtk_widget_class_install_action (widget_class, "orders.send", "s", send_action);
  gtk_widget_class_install_action (widget_class, "orders.complete-payment", "s",
                                   complete_payment_action);
  gtk_widget_class_install_action (widget_class, "orders.reconcile", "s", reconcile_action);
  gtk_widget_class_install_action (widget_class, "orders.mark-sent", "s", mark_sent_action);
  gtk_widget_class_install_action (widget_class, "orders.resend", "s", resend_action);
  gtk_widget_class_install_action (widget_class, "orders.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "orders.refresh-status", "s",
                                   refresh_status_action);
  gtk_widget_class_install_action (widget_class, "orders.cancel-order", "s", cancel_order_action);
  gtk_widget_class_install_action (widget_class, "orders.show-order", "s", show_order_action);
  gtk_widget_class_install_action (widget_class, "orders.refresh-all", NULL, refresh_all_action);
  gtk_widget_class_install_action (widget_class, "orders.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "orders.remove-personal-data", NULL,
                                   remove_personal_data_action);
  gtk_widget_class_install_action (widget_class, "orders.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "orders.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pkio_orders_window_init (PkioOrdersWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Orca said "GtkImage Refresh pending orders push button" (issue #20). */
  pkio_form_quiet_icons (GTK_WIDGET (self));
  /* "GtkStackPage panel" and "GtkListBox" (issue #20): every stack page
   * and list named. */
  pkio_form_name_stack_pages (GTK_WIDGET (self), gtk_window_get_title (GTK_WINDOW (self)));
  pkio_form_quiet_choice_rows (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->search = g_strdup ("");
  self->drafts_items = pkio_record_list_new (PKIO_RECORD_KIND_DRAFT);
  self->outbox_items = pkio_record_list_new (PKIO_RECORD_KIND_OUTBOX);
  self->history_items = pkio_record_list_new (PKIO_RECORD_KIND_HISTORY);
  self->search_filter = GTK_FILTER (gtk_custom_filter_new (search_filter_func, self, NULL));
  self->real_filter = GTK_FILTER (gtk_custom_filter_new (real_filter_func, self, NULL));
  self->practice_filter = GTK_FILTER (gtk_custom_filter_new (practice_filter_func, self, NULL));

  set_model (self, self->drafts_list, self->drafts_items, self->search_filter,
             G_CALLBACK (update_empty));
  set_model (self, self->outbox_list, self->outbox_items, self->search_filter,
             G_CALLBACK (update_empty));
  set_model (self, self->history_list, self->history_items, self->real_filter,
             G_CALLBACK (update_empty));
  set_model (self, self->practice_list, self->history_items, self->practice_filter,
             G_CALLBACK (update_empty));
  update_empty (self);

  g_signal_connect_object (self->drafts_list, "activate", G_CALLBACK (drafts_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_list, "activate", G_CALLBACK (history_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->practice_list, "activate", G_CALLBACK (practice_activate_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
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
  self->practice = pkio_outbox_get_practice (outbox);
  gtk_widget_set_visible (self->history_practice_note, self->practice);

  g_signal_connect_object (drafts, "changed", G_CALLBACK (sync_drafts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (outbox, "changed", G_CALLBACK (sync_outbox), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (sync_history), self,
                           G_CONNECT_SWAPPED);
  /* Practice mode may have been switched in Preferences meanwhile. */
  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (update_mode), self,
                           G_CONNECT_SWAPPED);
  sync_drafts (self);
  sync_outbox (self);
  sync_history (self);

  return self;
}
