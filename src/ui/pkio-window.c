/* pkio-window.c
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

#include "pkio-account.h"
#include "pkio-application.h"
#include "pkio-assistant.h"
#include "pkio-client.h"
#include "pkio-desk.h"
#include "pkio-draft-store.h"
#include "pkio-form.h"
#include "pkio-order-book.h"
#include "pkio-order-problem.h"
#include "pkio-orders-window.h"
#include "pkio-outbox.h"
#include "pkio-preferences-window.h"
#include "pkio-result-page.h"
#include "pkio-review-page.h"
#include "pkio-steps.h"
#include "pkio-token-panel.h"
#include "pkio-question.h"
#include "pkio-window.h"
#include "pkio-window-private.h"

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ACCOUNT,
  PROP_ORDERS_LOADED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PkioWindow, pkio_window, ADW_TYPE_APPLICATION_WINDOW)

/* The wizard's pages, one per row of the step table. */
#define N_PAGES (pkio_steps_get_n ())

static GParamSpec *properties[N_PROPS];

static void
show_spinner_cb (gpointer data)
{
  PkioWindow *self = data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
}

gboolean
_pkio_window_on_page (PkioWindow *self,
                      const char *page_id)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);

  return page != NULL && g_strcmp0 (pkio_page_get_page_id (page), page_id) == 0;
}

static void
assistant_state_changed_cb (PkioWindow *self)
{
  gboolean applying = pkio_assistant_get_applying (self->assistant);

  _pkio_window_update_actions (self);

  /* Back and Next are hidden where they lead nowhere rather than shown dead;
   * while a page applies, Cancel takes their place (GIS). */
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          pkio_assistant_get_can_go_back (self->assistant));
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          pkio_assistant_get_has_next (self->assistant) && !applying);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), applying);

  /* Only show progress for an apply that takes a noticeable time, so that a
   * quick one does not flicker (KGX does the same). */
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (applying)
    {
      self->spinner_source = g_timeout_add_once (100, show_spinner_cb, self);
    }
  else
    {
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
    }
}

static void
assistant_title_changed_cb (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);

  adw_window_title_set_subtitle (self->window_title,
                                 pkio_assistant_get_title (self->assistant));

  /* Next on the review page places the order: it says so. */
  gtk_button_set_label (self->next_button,
                        page && g_strcmp0 (pkio_page_get_page_id (page), "review") == 0
                          ? _("_Submit Order") : _("_Next"));
  assistant_state_changed_cb (self);
}

static PkioPage *
find_page (PkioWindow *self,
           const char *page_id)
{
  for (guint i = 0; self->pages && i < self->pages->len; i++)
    {
      PkioPage *page = g_ptr_array_index (self->pages, i);

      if (g_strcmp0 (pkio_page_get_page_id (page), page_id) == 0)
        return page;
    }

  return NULL;
}

static void build_next_page (PkioWindow *self);
static void forget_draft    (PkioWindow *self);

/**
 * pkio_window_get_page:
 * @page_id: a step id such as "shipping"
 *
 * Builds the pages not built yet, if need be.
 *
 * Returns: (transfer none) (nullable): the wizard page for @page_id
 */
PkioPage *
pkio_window_get_page (PkioWindow *self,
                      const char *page_id)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  while (self->pages != NULL && self->pages->len < N_PAGES && find_page (self, page_id) == NULL)
    build_next_page (self);

  return find_page (self, page_id);
}

PkioPage *
_pkio_window_page_for_step (PkioWindow    *self,
                            PkioOrderStep  step)
{
  return pkio_window_get_page (self, pkio_steps_lookup_order_step (step)->id);
}

/* CertCentral named a field: take the user to it, with its message on the
 * row, and let Next lead back to the review. */
static gboolean
show_server_field_error (PkioWindow   *self,
                         const GError *error)
{
  GPtrArray *api_errors = pkio_client_error_get_api_errors (error);
  PkioPage *target = NULL;

  for (guint i = 0; api_errors && i < api_errors->len; i++)
    {
      const PkioApiError *api_error = g_ptr_array_index (api_errors, i);
      PkioOrderStep step;
      PkioPage *page;
      PkioForm *form;

      if (!pkio_order_step_for_path (api_error->field, &step))
        continue;

      page = _pkio_window_page_for_step (self, step);
      form = page ? pkio_form_get_for_page (page) : NULL;
      if (form == NULL || !pkio_form_show_server_error (form, api_error->field,
                                                        api_error->message
                                                          ? api_error->message
                                                          : error->message))
        continue;

      if (target == NULL)
        target = page;
    }

  if (target == NULL || !gtk_widget_get_visible (GTK_WIDGET (target)))
    return FALSE;

  pkio_assistant_edit_page (self->assistant, target);
  pkio_form_focus_first (pkio_form_get_for_page (target));

  return TRUE;
}

static void
toast_dismissed_cb (PkioWindow *self,
                    AdwToast   *toast)
{
  if (self->toasts != NULL)
    g_ptr_array_remove (self->toasts, toast);
}

static void
dismiss_toasts (PkioWindow *self)
{
  g_autoptr(GPtrArray) toasts = g_ptr_array_copy (self->toasts, (GCopyFunc) g_object_ref, NULL);

  g_ptr_array_set_free_func (toasts, g_object_unref);
  for (guint i = 0; i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
}

static void
failure_closed_cb (PkioWindow *self,
                   const char *response)
{
}

static void
apply_failed_cb (PkioWindow    *self,
                 PkioPage      *page,
                 const GError  *error)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* The review page explains an unknown outcome itself, at length. */
  if (g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_OUTCOME_UNKNOWN))
    return;

  if (g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_VALIDATION) &&
      show_server_field_error (self, error))
    text = g_strdup (_("Correct the marked field, then submit again"));

  /* A toast shows one short line and cuts the rest ("…and is sent when
   * the n…"): a longer reason gets a dialog that shows it whole. */
  if (text == NULL && g_utf8_strlen (error->message, -1) > PKIO_TOAST_TITLE_MAX)
    {
      static const PkioQuestionResponse close[] = {
        { "close", N_("_Close"), ADW_RESPONSE_DEFAULT },
      };
      PkioQuestionResponse translated[] = { close[0] };
      gboolean waiting = g_error_matches (error, PKIO_CLIENT_ERROR, PKIO_CLIENT_ERROR_NETWORK);

      /* A dialog in the window on newer libadwaita, as every question is. */
      translated[0].label = _(close[0].label);
      pkio_question_present (GTK_WIDGET (self),
                             waiting ? _("Waiting for the Network") : _("The Order Was Not Sent"),
                             error->message, translated, G_N_ELEMENTS (translated),
                             "close", "close", G_CALLBACK (failure_closed_cb), self);
      return;
    }

  /* Said at once, not after the toasts that wait before it. */
  dismiss_toasts (self);
  toast = pkio_toast_new (text ? text : error->message);
  adw_toast_set_timeout (toast, 0);
  pkio_window_add_toast (self, toast);
}

static void
review_edit_cb (PkioWindow *self,
                const char *page_id)
{
  PkioPage *page = pkio_window_get_page (self, page_id);

  if (page != NULL)
    pkio_assistant_edit_page (self->assistant, page);
}

static void
review_submitted_cb (PkioWindow             *self,
                     const PkioOrderReceipt *receipt)
{
  PkioResultPage *result = PKIO_RESULT_PAGE (pkio_window_get_page (self, "result"));

  pkio_result_page_set_practice (result, pkio_account_get_practice (self->account));
  pkio_result_page_set_receipt (result, receipt);
}

static gboolean
is_country_text (PkioOrderText text)
{
  return text == PKIO_ORDER_TEXT_COUNTRY || text == PKIO_ORDER_TEXT_SHIP_COUNTRY ||
         text == PKIO_ORDER_TEXT_BILLING_COUNTRY;
}

/* The country the desk's defaults gave the order, if any: not typed. */
static void
remember_start_country (PkioWindow *self)
{
  g_free (self->start_country);
  self->start_country = g_strdup (pkio_order_get_text (self->order, PKIO_ORDER_TEXT_COUNTRY));
}

static void
new_order_cb (PkioWindow *self)
{
  /* The next applicant starts from the desk's defaults, whatever the last
   * one chose (a card, another validity). */
  pkio_settings_restore_desk_defaults (self->settings, self->order);
  remember_start_country (self);

  /* The result page has cleared the order; every page forgets what it
   * showed of it, so that nothing of the last applicant stays on screen. */
  for (guint i = 0; i < self->pages->len; i++)
    pkio_page_reset (g_ptr_array_index (self->pages, i));

  pkio_assistant_set_current_page (self->assistant, pkio_window_get_page (self, "welcome"));
}

static void
queued_for_later_cb (PkioWindow *self)
{
  /* In the outbox now: the window is free for the next applicant. */
  pkio_order_wipe_card_secrets (self->order);
  pkio_order_clear_personal_data (self->order);
  new_order_cb (self);
  pkio_window_add_toast (self, pkio_toast_new (_("Queued in the outbox, to be sent later")));
}

/* Only the first of the wizard's steps is built before the first frame:
 * each is a template full of rows, and building and laying out all eight
 * made start-up twice as slow as a bare window. The others are built one
 * per idle turn of the main loop after it, so that it is never held for
 * long; if Next leads past the last one built before that, the assistant
 * asks for the next step, and pkio_window_get_page() builds any on
 * demand. */
static PkioPage *
new_page (PkioWindow *self,
          guint       index)
{
  return pkio_step_new_page (pkio_steps_get (index), self->order, self->account);
}

static void
page_needed_cb (PkioWindow *self)
{
  PkioPage *current = pkio_assistant_get_current_page (self->assistant);

  while (self->pages->len < N_PAGES)
    {
      guint i = 0;

      while (i < self->pages->len && g_ptr_array_index (self->pages, i) != current)
        i++;
      for (i++; i < self->pages->len; i++)
        if (gtk_widget_get_visible (g_ptr_array_index (self->pages, i)))
          return;

      build_next_page (self);
    }
}

static gboolean
build_pages_idle_cb (gpointer data)
{
  PkioWindow *self = data;

  if (self->pages->len < N_PAGES)
    build_next_page (self);
  if (self->pages->len < N_PAGES)
    return G_SOURCE_CONTINUE;

  self->build_source = 0;
  return G_SOURCE_REMOVE;
}

static void
build_next_page (PkioWindow *self)
{
  PkioPage *page = new_page (self, self->pages->len);
  const char *page_id = pkio_page_get_page_id (page);

  g_ptr_array_add (self->pages, page);
  pkio_form_quiet_choice_rows (GTK_WIDGET (page));
  pkio_assistant_add_page (self->assistant, page);
  pkio_assistant_set_more_pages (self->assistant, self->pages->len < N_PAGES);
  pkio_assistant_set_n_steps (self->assistant, N_PAGES);

  if (g_strcmp0 (page_id, "review") == 0)
    {
      g_signal_connect_object (page, "edit", G_CALLBACK (review_edit_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "submitted", G_CALLBACK (review_submitted_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "enqueued", G_CALLBACK (forget_draft), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "queued-for-later", G_CALLBACK (queued_for_later_cb), self,
                               G_CONNECT_SWAPPED);
      if (self->outbox != NULL && self->orders_loading == 0)
        pkio_review_page_set_order_book (PKIO_REVIEW_PAGE (page), self->book);
    }
  else if (g_strcmp0 (page_id, "result") == 0)
    {
      g_signal_connect_object (page, "new-order", G_CALLBACK (new_order_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
token_flap_revealed_cb (PkioWindow *self)
{
  g_autoptr(PkioTokenMonitor) monitor = NULL;
  g_auto(GStrv) extra_paths = NULL;

  PkioTokenMonitor *current = pkio_token_panel_get_monitor (self->token_panel);
  gboolean revealed = adw_flap_get_reveal_flap (self->token_flap);

  /* A hidden panel needs no polling; shown again, it polls at once. */
  if (current != NULL)
    {
      pkio_token_monitor_set_paused (current, !revealed);
      return;
    }

  /* p11-kit and the modules are loaded the first time the panel opens, not
   * with every window: most windows never look at a token. */
  if (!revealed)
    return;

  extra_paths = pkio_settings_dup_token_module_paths (self->settings);
  monitor = pkio_token_monitor_new ((const char * const *)extra_paths);
  pkio_token_panel_set_monitor (self->token_panel, monitor);
}

static void
complete_payment_cb (PkioWindow *self,
                     const char *id)
{
  g_signal_emit_by_name (self, "complete-payment", id);
}

static void
present_orders (PkioWindow *self)
{
  PkioOrdersWindow *orders = pkio_orders_window_new (GTK_WINDOW (self), self->drafts,
                                                     self->outbox);

  g_signal_connect_object (orders, "open-draft", G_CALLBACK (pkio_window_open_draft), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (orders, "complete-payment", G_CALLBACK (complete_payment_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (orders));
}

static void
show_problems (PkioWindow *self,
               GPtrArray  *problems)
{
  /* Details are in the log; a file set aside is never silently lost. Not
   * every problem is a file set aside (records waiting for the keyring, a
   * read-only folder): one is shown as it is, several are counted. */
  if (problems != NULL && problems->len == 1)
    {
      pkio_window_add_toast (self,
                             pkio_toast_new_for_message (GTK_WIDGET (self),
                                                         _("A problem with the saved files"),
                                                         g_ptr_array_index (problems, 0)));
    }
  else if (problems != NULL && problems->len > 1)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u problem with the saved files",
                                                          "%u problems with the saved files",
                                                          problems->len),
                                                problems->len);
      g_autoptr(GString) details = g_string_new (NULL);

      /* Each problem in full behind Details; the log has them too. */
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (details, "%s%s", i ? "\n" : "",
                                (const char *) g_ptr_array_index (problems, i));
      pkio_window_add_toast (self, pkio_toast_new_with_details (GTK_WIDGET (self), title,
                                                                details->str));
    }
}

/* Drafts: every order in progress is saved, a moment after each change,
 * once it names an applicant (pkio_order_names_applicant()). */
static void
autosave_cb (PkioWindow *self)
{
  PkioPage *page;

  /* A field losing the focus as the window is taken apart may still
   * normalize the order ("Noord-Holland" to "nh"); there is nothing left
   * to save it from. */
  if (self->assistant == NULL)
    return;

  page = pkio_assistant_get_current_page (self->assistant);
  if (self->drafts == NULL || page == NULL || pkio_page_is_final (page) ||
      !pkio_order_names_applicant (self->order))
    return;

  /* Queued, sent or placed: not a draft any more, whatever changes now
   * (the card wiped, the page left after placing). */
  if (pkio_draft_store_is_closed (self->drafts, pkio_order_get_identity (self->order)))
    return;

  if (self->draft_id == NULL)
    self->draft_id = pkio_draft_store_create_id (self->drafts);

  pkio_draft_store_schedule_save (self->drafts, self->draft_id, self->order,
                                  pkio_page_get_page_id (page));
}

static void
forget_draft (PkioWindow *self)
{
  if (self->drafts != NULL && self->draft_id != NULL)
    pkio_draft_store_delete_async (self->drafts, self->draft_id, NULL, NULL, NULL);
  if (self->drafts != NULL)
    pkio_draft_store_close_identity (self->drafts, pkio_order_get_identity (self->order));
  g_clear_pointer (&self->draft_id, g_free);
}

/* A draft whose order is in the outbox or the history is removed and
 * never shown: it would invite placing the order twice. The order on
 * screen that left the outbox unsent may be kept as a draft again. */
static void
close_sent_identities (PkioWindow *self)
{
  g_autoptr(GPtrArray) identities = NULL;
  const char *current = pkio_order_get_identity (self->order);
  gboolean current_found = FALSE;

  if (self->drafts == NULL || self->outbox == NULL)
    return;

  identities = pkio_order_book_dup_identities (self->book);
  for (guint i = 0; i < identities->len && !current_found; i++)
    current_found = g_strcmp0 (g_ptr_array_index (identities, i), current) == 0;

  pkio_draft_store_close_identities (self->drafts, identities);
  if (!current_found)
    pkio_draft_store_reopen_identity (self->drafts, current);
}

/* Puts @draft's order into the window's order, which the pages hold. */
void
_pkio_window_continue_draft (PkioWindow *self,
                             const char *id)
{
  g_autoptr(PkioOrder) saved = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  const PkioDraft *draft;
  PkioPage *page;
  guint n;

  if (self->drafts == NULL || (draft = pkio_draft_store_lookup (self->drafts, id)) == NULL)
    return;

  saved = pkio_draft_store_dup_order (self->drafts, id, &problems);
  if (saved == NULL)
    return;

  /* The order in progress keeps its own draft, saved as it is now: a
   * scheduled save would read the order only after the copy below. */
  page = pkio_assistant_get_current_page (self->assistant);
  if (self->draft_id != NULL && g_strcmp0 (self->draft_id, id) != 0 && page != NULL &&
      !pkio_page_is_final (page) && pkio_order_names_applicant (self->order))
    pkio_draft_store_save_now_async (self->drafts, self->draft_id, self->order,
                                     pkio_page_get_page_id (page), NULL, NULL, NULL);

  /* Set first: the copy's changes autosave into this draft, not a new one. */
  g_free (self->draft_id);
  self->draft_id = g_strdup (id);
  if (self->draft_toast != NULL)
    adw_toast_dismiss (self->draft_toast);

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (saved), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_value_init (&value, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (saved), pspecs[i]->name, &value);
      g_object_set_property (G_OBJECT (self->order), pspecs[i]->name, &value);
    }

  /* A restored draft shows its problems at once, on every page: the user
   * did fill these fields in, and Next must not be off without a reason. */
  for (guint i = 0; i < N_PAGES; i++)
    {
      PkioPage *step_page = i < self->pages->len ? g_ptr_array_index (self->pages, i) : NULL;
      PkioForm *form;

      if (step_page == NULL)
        {
          build_next_page (self);
          step_page = g_ptr_array_index (self->pages, i);
        }
      if ((form = pkio_form_get_for_page (step_page)) != NULL)
        pkio_form_show_all (form);
    }

  page = draft->step ? pkio_window_get_page (self, draft->step) : NULL;
  if (page != NULL && !pkio_page_is_final (page))
    pkio_assistant_set_current_page (self->assistant, page);
  page = pkio_assistant_get_current_page (self->assistant);
  if (page != NULL && pkio_form_get_for_page (page) != NULL)
    pkio_form_focus_first (pkio_form_get_for_page (page));
}

static void
offer_latest_draft (PkioWindow *self)
{
  const PkioDraft *latest = pkio_draft_store_get_latest (self->drafts);
  AdwToast *toast;

  if (latest == NULL || pkio_order_names_applicant (self->order))
    return;

  /* No name here: at a desk the next applicant may be looking at the
   * screen. The drafts view says whose it is. */
  toast = pkio_toast_new (_("An unfinished order was saved"));
  adw_toast_set_button_label (toast, _("_Continue"));
  adw_toast_set_action_name (toast, "orders.continue-draft");
  adw_toast_set_action_target_value (toast, g_variant_new_string (latest->id));
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&self->draft_toast, toast);
  pkio_window_add_toast (self, toast);
}

static void
orders_loaded (PkioWindow *self)
{
  PkioPage *review;

  if (--self->orders_loading > 0)
    return;

  /* From now on the wizard's submissions go through the outbox, and the
   * order in progress is kept as a draft. A review page not built yet gets
   * the outbox when it is. */
  if ((review = find_page (self, "review")) != NULL)
    pkio_review_page_set_order_book (PKIO_REVIEW_PAGE (review), self->book);
  if (self->drafts != NULL)
    {
      close_sent_identities (self);
      g_signal_connect_object (self->outbox, "changed", G_CALLBACK (close_sent_identities), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->history, "changed", G_CALLBACK (close_sent_identities),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->order, "notify", G_CALLBACK (autosave_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->assistant, "notify::current-page", G_CALLBACK (autosave_cb),
                               self, G_CONNECT_SWAPPED);
      offer_latest_draft (self);
    }

  g_object_notify (G_OBJECT (self), "orders-loaded");
  if (self->present_when_loaded)
    present_orders (self);
  self->present_when_loaded = FALSE;
}

static void
draft_save_failed_cb (PkioWindow   *self,
                      const GError *error)
{
  /* The title alone when the reason fits beside it would cut it: the
   * reason goes behind Details. */
  g_autofree char *message = g_strdup_printf (_("The draft could not be saved: %s"),
                                              error->message);
  AdwToast *toast = pkio_toast_new_for_message (GTK_WIDGET (self),
                                                _("The draft could not be saved"), message);

  /* Seen at once, not behind a toast with a button: what is typed now is
   * not on disk. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  pkio_window_add_toast (self, toast);
}

/* Opening goes on after a problem: what could be read is shown. */
static void
book_problems_cb (PkioWindow *self,
                  guint       part,
                  GPtrArray  *problems)
{
  show_problems (self, problems);
}

static void
desk_opened_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  PkioOrderBook *book = self->book;

  /* Only a cancellation (the window closing) stops the opening. */
  if (!pkio_desk_open_finish (PKIO_DESK (object), result, &error))
    return;

  self->drafts = g_object_ref (pkio_order_book_get_drafts (book));
  self->history = g_object_ref (pkio_order_book_get_history (book));
  self->outbox = g_object_ref (pkio_order_book_get_outbox (book));
  g_signal_connect_object (self->drafts, "save-failed", G_CALLBACK (draft_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  orders_loaded (self);
}

/* One banner, two messages: practice mode says nothing is ordered; without
 * a key it says orders cannot go out yet, and offers a key or practice. */
static void
show_banner (PkioWindow *self,
             gboolean    practice)
{
  gtk_label_set_label (self->key_banner_label,
                       practice
                       ? _("Practice mode: orders go to a simulator on this computer. Nothing is "
                           "ordered or charged.")
                       : _("No CertCentral API key is stored, so orders cannot be sent yet."));
  gtk_widget_set_visible (self->key_banner_button, !practice);
  gtk_widget_set_visible (self->practice_button, !practice);
  gtk_widget_set_visible (self->leave_practice_button, practice);
}

/* The banner follows the account: practice, or no key to send with. */
static void
update_banner (PkioWindow *self)
{
  gboolean practice = pkio_account_get_practice (self->account);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  gboolean banner_had_focus = focus != NULL &&
                              gtk_widget_is_ancestor (focus, GTK_WIDGET (self->key_banner));
  gboolean revealed;

  show_banner (self, practice);
  /* No word about a missing key before the keyring has been asked. */
  revealed = practice || (self->key_checked && !pkio_account_get_has_api_key (self->account));
  gtk_revealer_set_reveal_child (self->key_banner, revealed);

  /* The button that was pressed may be gone now (practice left, a key
   * stored): the focus goes on to the page, not to nowhere, where a
   * screen reader would fall silent and Tab start again at the top. */
  if (banner_had_focus && (!revealed || !gtk_widget_get_visible (focus)))
    {
      GtkWidget *page = GTK_WIDGET (pkio_assistant_get_current_page (self->assistant));

      if (page == NULL || !gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (GTK_WIDGET (self->assistant));
    }
}

static void
key_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A keyring that cannot be read is said so in Preferences; here only
   * whether orders can go out matters, which the account tells. */
  if (!pkio_account_load_api_key_finish (PKIO_ACCOUNT (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->key_checked = TRUE;
  update_banner (self);
}

/* Whether a key is stored is asked again each time the window comes back
 * to the front, as after `set-api-key` in a terminal: the account, and
 * with it the outbox and the status poller, take it. */
static void
check_api_key (PkioWindow *self)
{
  if (!gtk_window_is_active (GTK_WINDOW (self)) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  pkio_account_load_api_key_async (self->account, self->cancellable, key_loaded_cb,
                                   g_object_ref (self));
}

static void
restore_window_state (PkioWindow *self)
{
  int width, height;
  gboolean maximized;

  pkio_settings_get_window_state (self->settings, &width, &height, &maximized);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (maximized)
    gtk_window_maximize (GTK_WINDOW (self));
}

/* Whether closing now would lose something the user typed: an order
 * being filled in, not one that is placed (the result page) or empty. */
gboolean
_pkio_window_has_unsent_order (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);
  g_autoptr(PkioOrder) blank = NULL;

  if (page != NULL && pkio_page_is_final (page))
    return FALSE;

  if (pkio_order_get_individual_id (self->order) > 0)
    return TRUE;

  /* What the desk's defaults filled in was not typed by anyone, whether
   * they are the defaults now or were when the order started (they may
   * have been changed in Preferences since). */
  blank = pkio_order_new ();
  pkio_settings_apply_desk_defaults (self->settings, blank);
  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    {
      const char *text = pkio_order_get_text (self->order, i);

      if (i == PKIO_ORDER_TEXT_PROVISIONING_METHOD || text == NULL || text[0] == '\0' ||
          g_strcmp0 (text, pkio_order_get_text (blank, i)) == 0)
        continue;
      if (is_country_text (i) && g_strcmp0 (text, self->start_country) == 0)
        continue;
      return TRUE;
    }

  return FALSE;
}

static gboolean
close_after_discard_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (PkioWindow *self,
                     const char *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Closed once the dialog has finished answering: the window takes its
   * transient dialog with it. */
  self->discard_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_after_discard_cb, g_object_ref (self),
                   g_object_unref);
}

static void
draft_flushed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_draft_store_flush_finish (PKIO_DRAFT_STORE (object), result, &error))
    {
      /* Not saved: ask, as without drafts, rather than lose the order. */
      self->discard_confirmed = FALSE;
      pkio_window_add_toast (self,
                             pkio_toast_new_for_message (GTK_WIDGET (self),
                                                         _("The order could not be saved"),
                                                         error->message));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
pkio_window_close_request (GtkWindow *window)
{
  PkioWindow *self = PKIO_WINDOW (window);
  int width, height;

  /* Kept as a draft, the order is not lost: save the last change and
   * close. Only an order with no draft yet (the stores not open, or no
   * applicant named) needs asking about. */
  if (!self->discard_confirmed && self->drafts != NULL && self->draft_id != NULL &&
      _pkio_window_has_unsent_order (self))
    {
      autosave_cb (self);
      self->discard_confirmed = TRUE;
      pkio_draft_store_flush_async (self->drafts, NULL, draft_flushed_cb, g_object_ref (self));
      return TRUE;
    }

  if (!self->discard_confirmed && _pkio_window_has_unsent_order (self))
    {
      PkioQuestionResponse responses[] = {
        { "cancel", _("_Keep Editing"), ADW_RESPONSE_DEFAULT },
        { "discard", _("_Discard and Close"), ADW_RESPONSE_DESTRUCTIVE },
      };

      pkio_question_present (GTK_WIDGET (self), _("Discard This Order?"),
                             _("What was entered is not kept: closing the window loses it."),
                             responses, G_N_ELEMENTS (responses), "cancel", "cancel",
                             G_CALLBACK (discard_response_cb), self);

      return TRUE;
    }

  /* The card's secrets go with the window, not with the process. */
  pkio_order_wipe_card_secrets (self->order);

  /* The default size tracks what the user resized to, unlike the allocation
   * which is the maximized size when maximized. */
  gtk_window_get_default_size (window, &width, &height);
  pkio_settings_set_window_state (self->settings, width, height,
                                  gtk_window_is_maximized (window));

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (pkio_window_parent_class)->close_request (window);
}

/* Next applicant */

static PkioDesk *ensure_desk (PkioWindow *self);

static void
applicant_cleared_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pkio_desk_clear_applicant_finish (PKIO_DESK (object), result, &error))
    /* No name: the next applicant may already be at the desk. */
    pkio_window_add_toast (self, pkio_toast_new (_("The unfinished order was kept as a draft")));
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    draft_save_failed_cb (self, error);
}

/* Forgets the applicant everywhere in the window: the desk keeps an
 * unfinished order as a draft, so nothing typed is lost, and clears the
 * order; the window clears what every page shows of it and the result,
 * keeping only the desk's defaults. */
void
_pkio_window_clear_for_next_applicant (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);
  /* Before the order changes: the next applicant's is autosaved as a
   * draft of its own, never over this one. */
  g_autofree char *draft_id = g_steal_pointer (&self->draft_id);
  PkioPage *result;

  pkio_desk_clear_applicant_async (ensure_desk (self), self->order, draft_id,
                                   page != NULL && !pkio_page_is_final (page)
                                   ? pkio_page_get_page_id (page) : NULL,
                                   self->cancellable, applicant_cleared_cb, g_object_ref (self));

  /* A result page not built yet shows no receipt to clear. */
  if ((result = find_page (self, "result")) != NULL)
    pkio_result_page_set_receipt (PKIO_RESULT_PAGE (result), NULL);
  new_order_cb (self);
}

/* Clearing when idle: the desk keeps the time and decides (pkio-desk.c);
 * the window reports use, answers what it shows and does the showing. */

static gboolean
idle_warning_shown (PkioWindow *self)
{
  return gtk_revealer_get_reveal_child (self->idle_banner);
}

static void
desk_idle_warning_dismissed_cb (PkioWindow *self)
{
  gtk_revealer_set_reveal_child (self->idle_banner, FALSE);
}

/* A banner rather than a toast: a toast can wait behind another one that
 * stays until dismissed, and this must be seen in time. */
static void
desk_idle_warning_cb (PkioWindow *self,
                      guint       seconds)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf (ngettext ("No one has used the window for a while: it clears for "
                                    "the next applicant in %u second",
                                    "No one has used the window for a while: it clears for "
                                    "the next applicant in %u seconds", seconds),
                          seconds);
  gtk_label_set_label (self->idle_banner_label, text);
  gtk_revealer_set_reveal_child (self->idle_banner, TRUE);
}

static void
close_orders_windows (PkioWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* They list applicants by name. Collected first: closing changes the
   * list. */
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (PKIO_IS_ORDERS_WINDOW (window) && gtk_window_get_transient_for (window) == GTK_WINDOW (self))
        g_ptr_array_add (found, window);
    }
  for (guint i = 0; i < found->len; i++)
    gtk_window_close (g_ptr_array_index (found, i));
}

static void
desk_clear_for_next_applicant_cb (PkioWindow *self)
{
  close_orders_windows (self);
  _pkio_window_clear_for_next_applicant (self);
}

/* An order being filled in, or a placed one's result. */
static gboolean
desk_query_applicant_shown_cb (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);

  return _pkio_window_has_unsent_order (self) || (page != NULL && pkio_page_is_final (page));
}

static gboolean
desk_query_applying_cb (PkioWindow *self)
{
  return pkio_assistant_get_applying (self->assistant);
}

static gboolean
window_event_cb (PkioWindow *self,
                 GdkEvent   *event)
{
  /* Before the desk is taken there is no count to restart: taking it
   * starts one. */
  if (self->desk == NULL)
    return GDK_EVENT_PROPAGATE;

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
      pkio_desk_note_activity (self->desk);
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

/* The application's desk, which outlives the window; a window made
 * without one (tests) has its own. Taken once the window is made, not in
 * constructed(): GtkWindow's application is set only after it. */
static PkioDesk *
ensure_desk (PkioWindow *self)
{
  GtkApplication *app;
  PkioDesk *desk;

  if (self->desk != NULL)
    return self->desk;

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (PKIO_IS_APPLICATION (app) && (desk = pkio_application_get_desk (PKIO_APPLICATION (app))) &&
      pkio_desk_get_account (desk) == self->account &&
      pkio_desk_get_settings (desk) == self->settings)
    self->desk = g_object_ref (desk);
  else
    self->desk = pkio_desk_new (G_APPLICATION (app), self->settings, self->account);

  /* A window taken apart before its first idle turn (load_orders_idle_cb()
   * holds it) has nothing to show or answer. */
  if (self->pages == NULL)
    return self->desk;

  g_signal_connect_object (self->desk, "idle-warning", G_CALLBACK (desk_idle_warning_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "idle-warning-dismissed",
                           G_CALLBACK (desk_idle_warning_dismissed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "clear-for-next-applicant",
                           G_CALLBACK (desk_clear_for_next_applicant_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "query-applicant-shown",
                           G_CALLBACK (desk_query_applicant_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "query-applying", G_CALLBACK (desk_query_applying_cb),
                           self, G_CONNECT_SWAPPED);
  /* A window coming up means someone is there (and a warning another
   * window of the desk showed goes). */
  pkio_desk_note_activity (self->desk);

  return self->desk;
}

static gboolean
load_orders_idle_cb (gpointer data)
{
  pkio_window_load_orders (data, FALSE);
  return G_SOURCE_REMOVE;
}

static void
pkio_window_constructed (GObject *object)
{
  PkioWindow *self = (PkioWindow *)object;

  G_OBJECT_CLASS (pkio_window_parent_class)->constructed (object);

  if (self->settings == NULL)
    self->settings = pkio_settings_new (NULL);
  /* Without an application's (tests): the window's own, for its settings. */
  if (self->account == NULL)
    self->account = pkio_account_new_for_settings (self->settings);

  /* One order per window; the pages edit it in place (style guide §4). */
  self->order = pkio_order_new ();
  pkio_settings_apply_desk_defaults (self->settings, self->order);
  remember_start_country (self);
  self->pages = g_ptr_array_new ();
  build_next_page (self);

  g_signal_connect_object (self, "open-draft", G_CALLBACK (_pkio_window_continue_draft), self,
                           G_CONNECT_SWAPPED);

  pkio_assistant_set_current_page (self->assistant, g_ptr_array_index (self->pages, 0));
  g_signal_connect_object (self->assistant, "page-needed", G_CALLBACK (page_needed_cb), self,
                           G_CONNECT_SWAPPED);
  assistant_state_changed_cb (self);
  assistant_title_changed_cb (self);

  restore_window_state (self);

  /* The outbox, drafts and history open once the first frame is out: the
   * outbox then takes the wizard's submissions and retries what waits. */
  g_idle_add_full (G_PRIORITY_LOW, load_orders_idle_cb, g_object_ref (self), g_object_unref);
  self->build_source = g_idle_add_full (G_PRIORITY_LOW, build_pages_idle_cb, self, NULL);

  g_signal_connect_object (self, "notify::is-active", G_CALLBACK (check_api_key), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "changed", G_CALLBACK (update_banner), self,
                           G_CONNECT_SWAPPED);
  update_banner (self);
  check_api_key (self);
}

static void
pkio_window_dispose (GObject *object)
{
  PkioWindow *self = (PkioWindow *)object;

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  g_clear_handle_id (&self->build_source, g_source_remove);
  /* The application's desk outlives the window: it must not ask a window
   * taken apart what it shows. */
  if (self->desk != NULL)
    g_signal_handlers_disconnect_by_data (self->desk, self);
  g_clear_weak_pointer (&self->draft_toast);
  g_clear_weak_pointer (&self->focus_before_tokens);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PKIO_TYPE_WINDOW);

  G_OBJECT_CLASS (pkio_window_parent_class)->dispose (object);
}

static void
pkio_window_finalize (GObject *object)
{
  PkioWindow *self = (PkioWindow *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->draft_id, g_free);
  g_clear_pointer (&self->start_country, g_free);
  g_clear_object (&self->order);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->outbox);
  g_clear_object (&self->history);
  g_clear_object (&self->drafts);
  g_clear_object (&self->book);
  g_clear_object (&self->desk);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (pkio_window_parent_class)->finalize (object);
}

static void
pkio_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PkioWindow *self = PKIO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_ORDERS_LOADED:
      g_value_set_boolean (value, self->drafts != NULL && self->orders_loading == 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PkioWindow *self = PKIO_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pkio_window_class_init (PkioWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pkio_window_constructed;
  object_class->dispose = pkio_window_dispose;
  object_class->finalize = pkio_window_finalize;
  object_class->get_property = pkio_window_get_property;
  object_class->set_property = pkio_window_set_property;

  window_class->close_request = pkio_window_close_request;

  properties[PROP_ORDERS_LOADED] =
    g_param_spec_boolean ("orders-loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         PKIO_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL,
                         PKIO_TYPE_ACCOUNT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PKIO_TYPE_ASSISTANT);
  g_type_ensure (PKIO_TYPE_TOKEN_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/pkio-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, assistant);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, key_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, key_banner_label);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, key_banner_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, practice_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, leave_practice_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, token_flap);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, token_button);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, token_panel);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, idle_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, idle_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, assistant_state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, assistant_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_flap_revealed_cb);

  /**
   * PkioWindow::open-draft:
   * @id: the draft's id in pkio_window_get_draft_store()
   *
   * The user chose a draft to continue; the wizard opens it with
   * pkio_draft_store_dup_order().
   */
  g_signal_new ("open-draft", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PkioWindow::complete-payment:
   * @id: the entry's id in pkio_window_get_outbox()
   *
   * A card order in the outbox needs its card details: the wizard's
   * payment page takes them, then sends it with pkio_outbox_send_async().
   */
  g_signal_new ("complete-payment", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  _pkio_window_class_actions_init (klass);
}

static void
pkio_window_init (PkioWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_form_quiet_icons (GTK_WIDGET (self));
  /* It shows the token panel beside the order: expanded or collapsed. */
  pkio_form_name_disclosure (self->token_button);

  self->cancellable = g_cancellable_new ();
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Any key, click, scroll or pointer move counts as someone being there;
   * seen in the capture phase so that no widget can hide it. */
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "event", G_CALLBACK (window_event_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  assistant_state_changed_cb (self);
  assistant_title_changed_cb (self);
}

/**
 * pkio_window_new:
 * @application: (nullable): the application; the window uses its account
 * @settings: (nullable): the settings; %NULL: the default ones
 *
 * Without a #PkioApplication the window makes an account of its own for
 * @settings.
 */
PkioWindow *
pkio_window_new (GtkApplication *application,
                 PkioSettings   *settings)
{
  PkioAccount *account = NULL;

  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!settings || PKIO_IS_SETTINGS (settings), NULL);

  if (PKIO_IS_APPLICATION (application))
    account = pkio_application_get_account (PKIO_APPLICATION (application));

  return pkio_window_new_with_account (application, settings, account);
}

/**
 * pkio_window_new_with_account:
 * @account: (nullable): the account orders go out with
 */
PkioWindow *
pkio_window_new_with_account (GtkApplication *application,
                              PkioSettings   *settings,
                              PkioAccount    *account)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!settings || PKIO_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (!account || PKIO_IS_ACCOUNT (account), NULL);

  return g_object_new (PKIO_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "account", account,
                       NULL);
}

/**
 * pkio_window_get_account:
 *
 * Returns: (transfer none): the account the window's orders go out with
 */
PkioAccount *
pkio_window_get_account (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->account;
}

/**
 * pkio_window_get_order_book:
 *
 * Returns: (transfer none) (nullable): the order book, once opening began
 */
PkioOrderBook *
pkio_window_get_order_book (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->book;
}

/**
 * pkio_window_get_settings:
 *
 * Returns: (transfer none): the settings the window reads and writes
 */
PkioSettings *
pkio_window_get_settings (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->settings;
}

/**
 * pkio_window_show_preferences:
 *
 * Returns: (transfer none): the preferences window, transient for @self
 */
GtkWindow *
pkio_window_show_preferences (PkioWindow *self)
{
  PkioPreferencesWindow *preferences;

  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  preferences = pkio_preferences_window_new (self->settings, self->account);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (preferences));

  return GTK_WINDOW (preferences);
}

/**
 * pkio_window_show_about:
 *
 * Returns: (transfer none): the about window, transient for @self
 */
GtkWindow *
pkio_window_show_about (PkioWindow *self)
{
  static const char *developers[] = { "The PKIo Order developers", NULL };
  GtkWidget *about;

  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", self,
                        "application-name", _("PKIo Order"),
                        "application-icon", APP_ID,
                        "developer-name", _("The PKIo Order developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Order a PKIo Citizen signing certificate from DigiCert "
                                      "CertCentral Europe, on a qualified hardware token."),
                        "website", "https://github.com/pkioorder/pkio-order",
                        "issue-url", "https://github.com/pkioorder/pkio-order/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The PKIo Order developers",
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your name/username,
                         * and optionally an email or URL. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));

  return GTK_WINDOW (about);
}

void
pkio_window_add_toast (PkioWindow *self,
                       AdwToast   *toast)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* The offer to continue a draft stays until answered, and every later
   * toast waited unseen behind it: "Queued in the outbox", "The order
   * could not be saved". They go first; the offer comes back after. */
  if (self->draft_toast != NULL && self->draft_toast != toast)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  if (self->toasts != NULL)
    g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);

  pkio_toast_speak (GTK_WIDGET (self), toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * pkio_window_get_token_panel:
 *
 * Returns: (transfer none): the token panel at the window's end edge
 */
GtkWidget *
pkio_window_get_token_panel (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->token_panel);
}

/**
 * pkio_window_open_draft:
 *
 * Emits #PkioWindow::open-draft, for the wizard to continue @id.
 */
void
pkio_window_open_draft (PkioWindow *self,
                        const char *id)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  g_signal_emit_by_name (self, "open-draft", id);
}

/**
 * pkio_window_get_draft_store:
 *
 * Returns: (transfer none) (nullable): the drafts, once opened
 */
PkioDraftStore *
pkio_window_get_draft_store (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->drafts;
}

/**
 * pkio_window_get_outbox:
 *
 * Returns: (transfer none) (nullable): the outbox, once opened
 */
PkioOutbox *
pkio_window_get_outbox (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->outbox;
}

/**
 * pkio_window_load_orders:
 * @present: show the Drafts, Outbox and History window once loaded
 *
 * Has the desk open the order book (pkio_desk_open_async(): the store,
 * drafts, history and outbox, and the network watch), showing its
 * problems in toasts (a store kept in memory without a keyring key).
 * #PkioWindow:orders-loaded turns TRUE when done. Call it at start-up to
 * offer "continue where you left off" (pkio_draft_store_get_latest()) and
 * to retry the outbox.
 */
void
pkio_window_load_orders (PkioWindow *self,
                         gboolean    present)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  self->present_when_loaded |= present;
  if (self->book != NULL)
    {
      if (self->orders_loading == 0 && self->drafts != NULL && self->present_when_loaded)
        {
          self->present_when_loaded = FALSE;
          present_orders (self);
        }
      return;
    }

  ensure_desk (self);
  self->orders_loading = 1;
  pkio_desk_open_async (self->desk, self->cancellable, desk_opened_cb, g_object_ref (self));
  self->book = g_object_ref (pkio_desk_get_order_book (self->desk));
  g_signal_connect_object (self->book, "problems", G_CALLBACK (book_problems_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * pkio_window_get_order:
 *
 * Returns: (transfer none): the order the window's wizard fills in
 */
PkioOrder *
pkio_window_get_order (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->order;
}

PkioAssistant *
pkio_window_get_assistant (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), NULL);

  return self->assistant;
}

/**
 * pkio_window_set_idle_unit:
 * @unit_ms: how long a "minute" of the idle setting lasts
 *
 * For tests: the idle timeout in milliseconds rather than minutes
 * (pkio_desk_set_idle_unit() on the window's desk). The warning comes half
 * a unit before the window clears.
 */
void
pkio_window_set_idle_unit (PkioWindow *self,
                           guint       unit_ms)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));
  g_return_if_fail (unit_ms > 0);

  pkio_desk_set_idle_unit (ensure_desk (self), unit_ms);
}

/**
 * pkio_window_is_idle_warning_shown:
 *
 * Returns: whether the window is warning that it clears for inactivity
 */
gboolean
pkio_window_is_idle_warning_shown (PkioWindow *self)
{
  g_return_val_if_fail (PKIO_IS_WINDOW (self), FALSE);

  return idle_warning_shown (self);
}

/**
 * pkio_window_note_activity:
 *
 * For tests: what a key press or a click in the window does to the idle
 * timeout.
 */
void
pkio_window_note_activity (PkioWindow *self)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  pkio_desk_note_activity (ensure_desk (self));
}
