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

#include "pkio-agreement-page.h"
#include "pkio-applicant-page.h"
#include "pkio-assistant.h"
#include "pkio-certificate-page.h"
#include "pkio-client.h"
#include "pkio-draft-store.h"
#include "pkio-form.h"
#include "pkio-order-problem.h"
#include "pkio-orders-window.h"
#include "pkio-outbox.h"
#include "pkio-payment-page.h"
#include "pkio-preferences-window.h"
#include "pkio-result-page.h"
#include "pkio-review-page.h"
#include "pkio-secret-store.h"
#include "pkio-shipping-page.h"
#include "pkio-token-panel.h"
#include "pkio-welcome-page.h"
#include "pkio-question.h"
#include "pkio-window.h"
#include "pkio-window-private.h"

struct _PkioWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  PkioAssistant        *assistant;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkButton            *cancel_button;
  GtkSpinner           *spinner;
  GtkRevealer          *key_banner;
  GtkLabel             *key_banner_label;
  GtkWidget            *key_banner_button;
  GtkWidget            *practice_button;
  GtkWidget            *leave_practice_button;
  AdwFlap              *token_flap;
  PkioTokenPanel       *token_panel;

  /* The wizard's pages, owned by the assistant, in step order */
  GPtrArray            *pages;

  /* Owned references */
  PkioOrder            *order;
  PkioSettings         *settings;
  GCancellable         *cancellable;

  /* Drafts, outbox and history, opened the first time they are needed */
  PkioStore            *store;
  PkioDraftStore       *drafts;
  PkioHistory          *history;
  PkioOutbox           *outbox;
  guint                 orders_loading;
  gboolean              present_when_loaded;
  char                 *draft_id;     /* the draft the order in progress is saved as */
  AdwToast             *draft_toast;  /* "continue where you left off", while shown */
  GPtrArray            *toasts;       /* shown or waiting: dismissed for an urgent one */

  guint                 spinner_source;
  guint                 build_source;   /* builds the steps after the first frame */
  guint                 discard_confirmed : 1;
  guint                 outbox_watching : 1;

  /* Clearing for the next applicant after inactivity (a desk setting) */
  GtkRevealer          *idle_banner;
  GtkLabel             *idle_banner_label;
  gint64                last_activity;
  guint                 idle_source;
  guint                 idle_unit_ms;   /* a "minute"; shorter in tests */
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_ORDERS_LOADED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (PkioWindow, pkio_window, ADW_TYPE_APPLICATION_WINDOW)

#define N_PAGES 8

static GParamSpec *properties[N_PROPS];

static void
show_spinner_cb (gpointer data)
{
  PkioWindow *self = data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
}

static gboolean
on_page (PkioWindow *self,
         const char *page_id)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);

  return page != NULL && g_strcmp0 (pkio_page_get_page_id (page), page_id) == 0;
}

static void
assistant_state_changed_cb (PkioWindow *self)
{
  gboolean applying = pkio_assistant_get_applying (self->assistant);

  /* Ctrl+Enter places the order from the review page, and only there: on
   * any other page it would skip the review. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.submit",
                                 on_page (self, "review") &&
                                 pkio_assistant_get_has_next (self->assistant) && !applying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.new-order", !applying);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back",
                                 pkio_assistant_get_can_go_back (self->assistant));
  /* Next is never off without a reason in view: on an incomplete page it
   * shows every problem and takes the focus to the first (see
   * assistant_next_action()). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next",
                                 pkio_assistant_get_has_next (self->assistant) && !applying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.cancel", applying);

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

static PkioPage *
page_for_step (PkioWindow    *self,
               PkioOrderStep  step)
{
  static const char * const ids[] = {
    [PKIO_ORDER_STEP_APPLICANT] = "applicant",
    [PKIO_ORDER_STEP_CERTIFICATE] = "certificate",
    [PKIO_ORDER_STEP_SHIPPING] = "shipping",
    [PKIO_ORDER_STEP_PAYMENT] = "payment",
    [PKIO_ORDER_STEP_AGREEMENT] = "agreement",
  };

  g_assert (step < G_N_ELEMENTS (ids));

  return pkio_window_get_page (self, ids[step]);
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

      page = page_for_step (self, step);
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
  if (text == NULL && g_utf8_strlen (error->message, -1) > 48)
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
  toast = adw_toast_new (text ? text : error->message);
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
  g_autofree char *base_url = pkio_settings_dup_api_base_url (self->settings);

  pkio_result_page_set_practice (result, pkio_secret_store_is_practice (base_url));
  pkio_result_page_set_receipt (result, receipt);
}

static void
new_order_cb (PkioWindow *self)
{
  /* The next applicant starts from the desk's defaults, whatever the last
   * one chose (a card, another validity). */
  pkio_settings_restore_desk_defaults (self->settings, self->order);

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
  pkio_window_add_toast (self, adw_toast_new (_("Queued in the outbox, to be sent later")));
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
  switch (index)
    {
    case 0:
      return pkio_welcome_page_new (self->order);
    case 1:
      return pkio_applicant_page_new (self->order);
    case 2:
      return pkio_certificate_page_new (self->order);
    case 3:
      return pkio_shipping_page_new (self->order);
    case 4:
      return pkio_payment_page_new (self->order);
    case 5:
      return pkio_agreement_page_new (self->order);
    case 6:
      return pkio_review_page_new (self->order, self->settings);
    case 7:
      return pkio_result_page_new (self->order);
    default:
      g_assert_not_reached ();
      return NULL;
    }
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
        pkio_review_page_set_outbox (PKIO_REVIEW_PAGE (page), self->outbox);
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
tokens_toggle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);

  adw_flap_set_reveal_flap (self->token_flap, !adw_flap_get_reveal_flap (self->token_flap));
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
      pkio_window_add_toast (self, adw_toast_new (g_ptr_array_index (problems, 0)));
    }
  else if (problems != NULL && problems->len > 1)
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u problem with the saved files; "
                                                            "the details are in the log",
                                                            "%u problems with the saved files; "
                                                            "the details are in the log",
                                                            problems->len),
                                                  problems->len);

      pkio_window_add_toast (self, adw_toast_new (message));
    }
}

/* Drafts: every order in progress is saved, a moment after each change,
 * once it names an applicant; an empty form is not worth a draft. */
static gboolean
order_names_applicant (PkioOrder *order)
{
  return pkio_order_get_individual_id (order) > 0 ||
         pkio_order_get_text (order, PKIO_ORDER_TEXT_FIRST_NAME) != NULL ||
         pkio_order_get_text (order, PKIO_ORDER_TEXT_LAST_NAME) != NULL ||
         pkio_order_get_text (order, PKIO_ORDER_TEXT_EMAIL) != NULL;
}

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
      !order_names_applicant (self->order))
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
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) placed = NULL;
  g_autoptr(GPtrArray) identities = NULL;
  const char *current = pkio_order_get_identity (self->order);
  gboolean current_found = FALSE;

  if (self->drafts == NULL || self->outbox == NULL)
    return;

  entries = pkio_outbox_dup_entries (self->outbox);
  placed = pkio_history_dup_entries (self->history);
  identities = g_ptr_array_sized_new (entries->len + placed->len);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (identities, ((PkioOutboxEntry *) g_ptr_array_index (entries, i))->id);
  for (guint i = 0; i < placed->len; i++)
    g_ptr_array_add (identities, ((PkioHistoryEntry *) g_ptr_array_index (placed, i))->id);
  for (guint i = 0; i < identities->len && !current_found; i++)
    current_found = g_strcmp0 (g_ptr_array_index (identities, i), current) == 0;

  pkio_draft_store_close_identities (self->drafts, identities);
  if (!current_found)
    pkio_draft_store_reopen_identity (self->drafts, current);
}

/* Puts @draft's order into the window's order, which the pages hold. */
static void
continue_draft (PkioWindow *self,
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
      !pkio_page_is_final (page) && order_names_applicant (self->order))
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
continue_draft_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  continue_draft (PKIO_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
offer_latest_draft (PkioWindow *self)
{
  const PkioDraft *latest = pkio_draft_store_get_latest (self->drafts);
  AdwToast *toast;

  if (latest == NULL || order_names_applicant (self->order))
    return;

  /* No name here: at a desk the next applicant may be looking at the
   * screen. The drafts view says whose it is. */
  toast = adw_toast_new (_("An unfinished order was saved"));
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
    pkio_review_page_set_outbox (PKIO_REVIEW_PAGE (review), self->outbox);
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
  g_autofree char *message = g_strdup_printf (_("The draft could not be saved: %s"),
                                              error->message);

  pkio_window_add_toast (self, adw_toast_new (message));
}

static void
drafts_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!pkio_draft_store_load_finish (PKIO_DRAFT_STORE (object), result, &problems, &error))
    pkio_window_add_toast (self, adw_toast_new (error->message));
  show_problems (self, problems);
  orders_loaded (self);
}

static void
outbox_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!pkio_outbox_load_finish (PKIO_OUTBOX (object), result, &problems, &error))
    pkio_window_add_toast (self, adw_toast_new (error->message));
  show_problems (self, problems);
  orders_loaded (self);
}

static void
retention_applied_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_history_remove_personal_data_finish (PKIO_HISTORY (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pkio_window_add_toast (self, adw_toast_new (error->message));
}

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint days;

  if (!pkio_history_load_finish (PKIO_HISTORY (object), result, &problems, &error))
    pkio_window_add_toast (self, adw_toast_new (error->message));
  show_problems (self, problems);

  /* Retention: personal details leave entries older than the setting. */
  days = pkio_settings_get_history_retention_days (self->settings);
  if (days > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) before = g_date_time_add_days (now, -(int) days);

      pkio_history_remove_personal_data_async (self->history, before, self->cancellable,
                                               retention_applied_cb, g_object_ref (self));
    }

  /* The outbox moves sent orders into the history: it loads after it. */
  pkio_outbox_load_async (self->outbox, self->cancellable, outbox_loaded_cb,
                          g_object_ref (self));
}

/* Said where it is seen with the app in the background: an order was
 * decided. Other changes (a cancellation the user made) need no word. */
static void
order_status_changed_cb (PkioWindow *self,
                         const char *id,
                         const char *old_status,
                         const char *new_status)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  g_autofree char *order_id = NULL;
  g_autofree char *tag = NULL;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const PkioHistoryEntry *entry = pkio_history_lookup (self->history, id);
  gboolean issued = g_strcmp0 (new_status, "issued") == 0;

  if (app == NULL || entry == NULL || (!issued && g_strcmp0 (new_status, "rejected") != 0))
    return;

  order_id = g_strdup_printf ("%" G_GINT64_FORMAT, entry->order_id);
  if (entry->applicant != NULL)
    /* Translators: an order number, then the applicant's name */
    body = g_strdup_printf (_("Order %s for %s"), order_id, entry->applicant);
  else
    /* Translators: an order number */
    body = g_strdup_printf (_("Order %s"), order_id);
  if (entry->practice)
    {
      g_autofree char *both = g_strconcat (body, " ", _("(practice)"), NULL);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  notification = g_notification_new (issued ? _("Certificate Issued") : _("Order Rejected"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.show-orders");
  tag = g_strconcat ("order-", id, NULL);
  g_application_send_notification (app, tag, notification);
}

static void
auto_flushed_cb (PkioWindow       *self,
                 PkioOutboxReport *report)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *body = NULL;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app == NULL)
    return;

  body = g_strdup_printf (ngettext ("%u queued order was sent.", "%u queued orders were sent.",
                                    report->sent->len),
                          report->sent->len);
  if (report->failed->len > 0)
    {
      g_autofree char *failed = g_strdup_printf (ngettext ("%u failed.", "%u failed.",
                                                           report->failed->len),
                                                 report->failed->len);
      g_autofree char *both = g_strconcat (body, " ", failed, NULL);

      g_free (body);
      body = g_steal_pointer (&both);
    }

  notification = g_notification_new (_("Outbox sent"));
  g_notification_set_body (notification, body);
  g_application_send_notification (app, "outbox", notification);
}

static void
outbox_key_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(PkioApiKey) key = NULL;
  g_autoptr(PkioClient) client = NULL;
  g_autofree char *base_url = NULL;

  key = pkio_secret_store_lookup_api_key_finish (result, NULL);
  if (key == NULL || self->outbox == NULL)
    return;

  base_url = pkio_settings_dup_api_base_url (self->settings);
  client = pkio_client_new (base_url);
  pkio_client_set_api_key (client, key);
  pkio_outbox_set_client (self->outbox, client);
  if (self->outbox_watching)
    return;
  self->outbox_watching = TRUE;
  /* Pending orders' statuses while the app runs: half a minute after an
   * order, then ever less often up to every ten minutes while nothing
   * changes. */
  pkio_history_watch_pending (self->history, client, 30, 600);
  /* A few seconds of "available" before sending: the monitor flaps. */
  pkio_outbox_watch_network (self->outbox, g_network_monitor_get_default (), 3000);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = NULL;

  /* In memory: said once, and the views work for this session. */
  if (!pkio_store_open_finish (PKIO_STORE (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      pkio_window_add_toast (self, adw_toast_new (error->message));
    }

  self->drafts = pkio_draft_store_new (self->store,
                                       pkio_settings_get_auto_save_delay (self->settings) * 1000);
  self->history = pkio_history_new (self->store);
  self->outbox = pkio_outbox_new (self->store, self->history);
  g_signal_connect_object (self->outbox, "auto-flushed", G_CALLBACK (auto_flushed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "status-changed", G_CALLBACK (order_status_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->drafts, "save-failed", G_CALLBACK (draft_save_failed_cb), self,
                           G_CONNECT_SWAPPED);

  self->orders_loading = 2;
  pkio_draft_store_load_async (self->drafts, self->cancellable, drafts_loaded_cb,
                               g_object_ref (self));
  pkio_history_load_async (self->history, self->cancellable, history_loaded_cb,
                           g_object_ref (self));

  base_url = pkio_settings_dup_api_base_url (self->settings);
  pkio_secret_store_lookup_api_key_async (base_url, self->cancellable, outbox_key_cb,
                                          g_object_ref (self));
}

static void
show_orders_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  pkio_window_load_orders (PKIO_WINDOW (widget), TRUE);
}

static void
assistant_back_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  pkio_assistant_back (PKIO_WINDOW (widget)->assistant);
}

/* Next on a page that is not complete says why, where the user looks:
 * every missing or wrong field is marked and the first takes the focus. */
static void
go_next (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);
  PkioForm *form = page ? pkio_form_get_for_page (page) : NULL;

  if (pkio_assistant_get_can_go_next (self->assistant) || page == NULL)
    {
      pkio_assistant_next (self->assistant);
      return;
    }

  if (form != NULL)
    {
      pkio_form_show_all (form);
      pkio_form_focus_first (form);
    }
  else if (on_page (self, "review"))
    {
      g_autoptr(GPtrArray) problems = NULL;
      const PkioOrderProblem *problem;
      PkioOrderStep step;
      PkioPage *target;

      /* A reopened draft lacks the card's number and CVV, which are never
       * stored: Submit takes the user to them rather than stay grey. */
      if (pkio_order_validate (self->order, &problems) || problems == NULL || problems->len == 0)
        return;
      problem = g_ptr_array_index (problems, 0);
      if (!pkio_order_step_for_path (problem->path, &step) ||
          (target = page_for_step (self, step)) == NULL ||
          !gtk_widget_get_visible (GTK_WIDGET (target)) ||
          (form = pkio_form_get_for_page (target)) == NULL)
        return;
      pkio_assistant_edit_page (self->assistant, target);
      pkio_form_show_all (form);
      pkio_form_focus_first (form);
    }
}

static void
assistant_next_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  go_next (PKIO_WINDOW (widget));
}

static void
assistant_cancel_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  pkio_assistant_cancel (PKIO_WINDOW (widget)->assistant);
}

static void
key_lookup_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApiKey) key = NULL;

  key = pkio_secret_store_lookup_api_key_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A keyring that cannot be read is said so in Preferences; here only
   * whether orders can go out matters. */
  gtk_revealer_set_reveal_child (self->key_banner, key == NULL);
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

/* Whether a key is stored is asked again each time the window comes back
 * to the front, as after Preferences closes. */
static void
check_api_key (PkioWindow *self)
{
  g_autofree char *base_url = NULL;

  if (!gtk_window_is_active (GTK_WINDOW (self)) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  base_url = pkio_settings_dup_api_base_url (self->settings);

  /* A key added in Preferences, or practice turned on or off, reaches the
   * outbox too: it sends with the key of the address in use now. */
  if (self->outbox != NULL)
    pkio_secret_store_lookup_api_key_async (base_url, self->cancellable, outbox_key_cb,
                                            g_object_ref (self));

  if (pkio_secret_store_is_practice (base_url))
    {
      show_banner (self, TRUE);
      gtk_revealer_set_reveal_child (self->key_banner, TRUE);
      return;
    }

  show_banner (self, FALSE);
  pkio_secret_store_lookup_api_key_async (base_url, self->cancellable, key_lookup_cb,
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
static gboolean
has_unsent_order (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);
  g_autoptr(PkioOrder) blank = NULL;

  if (page != NULL && pkio_page_is_final (page))
    return FALSE;

  if (pkio_order_get_individual_id (self->order) > 0)
    return TRUE;

  /* What the desk's defaults filled in was not typed by anyone. */
  blank = pkio_order_new ();
  pkio_settings_apply_desk_defaults (self->settings, blank);
  for (guint i = 0; i < PKIO_ORDER_N_TEXT; i++)
    if (i != PKIO_ORDER_TEXT_PROVISIONING_METHOD &&
        g_strcmp0 (pkio_order_get_text (self->order, i), pkio_order_get_text (blank, i)) != 0)
      return TRUE;

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
      pkio_window_add_toast (self, adw_toast_new (error->message));
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
      has_unsent_order (self))
    {
      autosave_cb (self);
      self->discard_confirmed = TRUE;
      pkio_draft_store_flush_async (self->drafts, NULL, draft_flushed_cb, g_object_ref (self));
      return TRUE;
    }

  if (!self->discard_confirmed && has_unsent_order (self))
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard This Order?"),
                                                           _("What was entered is not kept: "
                                                             "closing the window loses it.")));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Keep Editing"),
                                        "discard", _("_Discard and Close"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));

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

static void
draft_kept_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PkioWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pkio_draft_store_save_now_finish (PKIO_DRAFT_STORE (object), result, &error))
    {
      draft_save_failed_cb (self, error);
      return;
    }

  /* No name: the next applicant may already be at the desk. */
  pkio_window_add_toast (self, adw_toast_new (_("The unfinished order was kept as a draft")));
}

/* Forgets the applicant everywhere in the window: the order, what every
 * page shows of it and the result, keeping only the desk's defaults. An
 * unfinished order is saved as a draft first, so nothing typed is lost. */
static void
clear_for_next_applicant (PkioWindow *self)
{
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);
  PkioPage *result;

  if (self->drafts != NULL && page != NULL && !pkio_page_is_final (page) &&
      order_names_applicant (self->order))
    {
      if (self->draft_id == NULL)
        self->draft_id = pkio_draft_store_create_id (self->drafts);
      /* Saved from a snapshot taken now, replacing any scheduled save. */
      pkio_draft_store_save_now_async (self->drafts, self->draft_id, self->order,
                                       pkio_page_get_page_id (page), NULL, draft_kept_cb,
                                       g_object_ref (self));
    }
  g_clear_pointer (&self->draft_id, g_free);

  pkio_order_wipe_card_secrets (self->order);
  pkio_order_clear_personal_data (self->order);
  /* A result page not built yet shows no receipt to clear. */
  if ((result = find_page (self, "result")) != NULL)
    pkio_result_page_set_receipt (PKIO_RESULT_PAGE (result), NULL);
  new_order_cb (self);
}

/* Whether clearing now would lose what was typed: an order with something
 * in it that cannot be kept as a draft. */
static gboolean
next_applicant_loses_order (PkioWindow *self)
{
  return has_unsent_order (self) &&
         (self->drafts == NULL || !order_names_applicant (self->order));
}

static void
discard_for_next_response_cb (PkioWindow *self,
                              const char *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    clear_for_next_applicant (self);
}

static void
assistant_new_order_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (!next_applicant_loses_order (self))
    {
      clear_for_next_applicant (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard This Order?"),
                                                       _("It cannot be kept as a draft: "
                                                         "starting a new order loses what was "
                                                         "entered.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard and Start Over"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_for_next_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
assistant_submit_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);

  if (on_page (self, "review"))
    go_next (self);
}

/* Clearing when idle. A desk may leave the window with someone's details
 * on it; after the configured minutes without keyboard or pointer use the
 * window warns for half a minute, then does what New Order does. */

static void idle_check_cb (gpointer data);

static void
idle_schedule (PkioWindow *self,
               gint64      delay_us)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  /* Events still arrive while the window is being destroyed. */
  if (self->pages == NULL || pkio_settings_get_idle_clear_minutes (self->settings) == 0)
    return;

  self->idle_source = g_timeout_add_once ((guint) CLAMP (delay_us / 1000, 1, G_MAXUINT),
                                          idle_check_cb, self);
}

static gboolean
idle_warning_shown (PkioWindow *self)
{
  return gtk_revealer_get_reveal_child (self->idle_banner);
}

static void
idle_dismiss_warning (PkioWindow *self)
{
  gtk_revealer_set_reveal_child (self->idle_banner, FALSE);
}

/* A banner rather than a toast: a toast can wait behind another one that
 * stays until dismissed, and this must be seen in time. */
static void
idle_show_warning (PkioWindow *self,
                   gint64      remaining_us)
{
  guint seconds = (guint) MAX (1, (remaining_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
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
idle_check_cb (gpointer data)
{
  PkioWindow *self = data;
  gint64 unit = (gint64) self->idle_unit_ms * 1000;
  gint64 period = pkio_settings_get_idle_clear_minutes (self->settings) * unit;
  gint64 now = g_get_monotonic_time ();
  gint64 deadline = self->last_activity + period;
  gint64 warn_at = deadline - unit / 2;
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);

  self->idle_source = 0;

  if (now < warn_at)
    {
      idle_schedule (self, warn_at - now);
      return;
    }

  /* Nothing of anyone on screen, or an order on its way: look again a
   * period later. */
  if (pkio_assistant_get_applying (self->assistant) ||
      !(has_unsent_order (self) || (page != NULL && pkio_page_is_final (page))))
    {
      idle_dismiss_warning (self);
      idle_schedule (self, period);
      return;
    }

  if (!idle_warning_shown (self))
    {
      idle_show_warning (self, deadline - now);
      idle_schedule (self, deadline - now);
      return;
    }

  if (now < deadline)
    {
      idle_schedule (self, deadline - now);
      return;
    }

  idle_dismiss_warning (self);
  close_orders_windows (self);
  clear_for_next_applicant (self);
  self->last_activity = now;
  idle_schedule (self, period);
}

static void
idle_note_activity (PkioWindow *self)
{
  self->last_activity = g_get_monotonic_time ();
  if (idle_warning_shown (self))
    {
      idle_dismiss_warning (self);
      idle_schedule (self, 0);
    }
}

static gboolean
window_event_cb (PkioWindow *self,
                 GdkEvent   *event)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_KEY_PRESS:
    case GDK_BUTTON_PRESS:
    case GDK_MOTION_NOTIFY:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
      idle_note_activity (self);
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
idle_setting_changed_cb (PkioWindow *self)
{
  idle_dismiss_warning (self);
  self->last_activity = g_get_monotonic_time ();
  idle_schedule (self, 0);
}

static void
idle_keep_working_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  idle_note_activity (PKIO_WINDOW (widget));
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

  /* One order per window; the pages edit it in place (style guide §4). */
  self->order = pkio_order_new ();
  pkio_settings_apply_desk_defaults (self->settings, self->order);
  self->pages = g_ptr_array_new ();
  build_next_page (self);

  g_signal_connect_object (self, "open-draft", G_CALLBACK (continue_draft), self,
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
  g_signal_connect_object (self->settings, "notify::api-base-url", G_CALLBACK (check_api_key), self,
                           G_CONNECT_SWAPPED);
  check_api_key (self);

  g_signal_connect_object (self->settings, "notify::idle-clear-minutes",
                           G_CALLBACK (idle_setting_changed_cb), self, G_CONNECT_SWAPPED);
  idle_setting_changed_cb (self);
}

static void
pkio_window_dispose (GObject *object)
{
  PkioWindow *self = (PkioWindow *)object;

  g_clear_handle_id (&self->spinner_source, g_source_remove);
  g_clear_handle_id (&self->build_source, g_source_remove);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_weak_pointer (&self->draft_toast);
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
  g_clear_object (&self->order);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->outbox);
  g_clear_object (&self->history);
  g_clear_object (&self->drafts);
  g_clear_object (&self->store);

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
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, token_panel);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, idle_banner);
  gtk_widget_class_bind_template_child (widget_class, PkioWindow, idle_banner_label);
  gtk_widget_class_bind_template_callback (widget_class, assistant_state_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, assistant_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, apply_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_flap_revealed_cb);

  gtk_widget_class_install_action (widget_class, "orders.continue-draft", "s",
                                   continue_draft_action);
  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, assistant_back_action);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, assistant_next_action);
  gtk_widget_class_install_action (widget_class, "assistant.cancel", NULL,
                                   assistant_cancel_action);

  gtk_widget_class_install_action (widget_class, "orders.show", NULL, show_orders_action);
  gtk_widget_class_install_action (widget_class, "assistant.new-order", NULL,
                                   assistant_new_order_action);
  gtk_widget_class_install_action (widget_class, "assistant.submit", NULL,
                                   assistant_submit_action);
  gtk_widget_class_install_action (widget_class, "idle.keep-working", NULL,
                                   idle_keep_working_action);

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

  /* F9, as for sidebars in GNOME apps. */
  gtk_widget_class_install_action (widget_class, "tokens.toggle", NULL, tokens_toggle_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "tokens.toggle", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "assistant.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "assistant.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "assistant.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "assistant.new-order", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "orders.show", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "assistant.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "assistant.submit", NULL);
}

static void
pkio_window_init (PkioWindow *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  pkio_form_quiet_icons (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  /* Any key, click, scroll or pointer move counts as someone being there;
   * seen in the capture phase so that no widget can hide it. */
  self->idle_unit_ms = 60 * 1000;
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

PkioWindow *
pkio_window_new (GtkApplication *application,
                 PkioSettings   *settings)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!settings || PKIO_IS_SETTINGS (settings), NULL);

  return g_object_new (PKIO_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
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

  preferences = pkio_preferences_window_new (self->settings);
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

  if (self->toasts != NULL)
    g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);

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
 * Opens the store (the key from the keyring; in memory, said in a toast,
 * without one), loads drafts, history and outbox (entries left "sending"
 * become outcome unknown), gives the outbox a client with the stored key
 * and starts watching the network. #PkioWindow:orders-loaded turns TRUE
 * when done. Call it at start-up to offer "continue where you left off"
 * (pkio_draft_store_get_latest()) and to retry the outbox.
 */
void
pkio_window_load_orders (PkioWindow *self,
                         gboolean    present)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));

  self->present_when_loaded |= present;
  if (self->store != NULL)
    {
      if (self->orders_loading == 0 && self->drafts != NULL && self->present_when_loaded)
        {
          self->present_when_loaded = FALSE;
          present_orders (self);
        }
      return;
    }

  self->store = pkio_store_new (NULL);
  pkio_store_open_async (self->store, self->cancellable, store_opened_cb, g_object_ref (self));
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
 * For tests: the idle timeout in milliseconds rather than minutes. The
 * warning comes half a unit before the window clears.
 */
void
pkio_window_set_idle_unit (PkioWindow *self,
                           guint       unit_ms)
{
  g_return_if_fail (PKIO_IS_WINDOW (self));
  g_return_if_fail (unit_ms > 0);

  self->idle_unit_ms = unit_ms;
  idle_setting_changed_cb (self);
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

  idle_note_activity (self);
}
