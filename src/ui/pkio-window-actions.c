/* pkio-window-actions.c
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

#include "pkio-form.h"
#include "pkio-order-problem.h"
#include "pkio-review-page.h"
#include "pkio-question.h"
#include "pkio-window-private.h"

/* The window's actions, what enables them and the keys that reach them. */

static void
tokens_toggle_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);
  gboolean reveal = !adw_flap_get_reveal_flap (self->token_flap);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  adw_flap_set_reveal_flap (self->token_flap, reveal);

  /* F9 left the focus behind and a screen reader said nothing: the panel
   * takes it, and says what it holds; closed, it gives it back. */
  if (reveal)
    {
      g_set_weak_pointer (&self->focus_before_tokens, focus);
      pkio_token_panel_take_focus (self->token_panel);
    }
  else if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->token_panel)) ||
           focus == GTK_WIDGET (self->token_panel))
    {
      if (self->focus_before_tokens == NULL ||
          !gtk_widget_is_visible (self->focus_before_tokens) ||
          !gtk_widget_grab_focus (self->focus_before_tokens))
        gtk_widget_child_focus (GTK_WIDGET (self->assistant), GTK_DIR_TAB_FORWARD);
    }
}

static void
continue_draft_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  _pkio_window_continue_draft (PKIO_WINDOW (widget), g_variant_get_string (param, NULL));
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
  else if (_pkio_window_on_page (self, "review"))
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
          (target = _pkio_window_page_for_step (self, step)) == NULL ||
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

/* Whether clearing now would lose what was typed: an order with something
 * in it that cannot be kept as a draft. */
static gboolean
next_applicant_loses_order (PkioWindow *self)
{
  return _pkio_window_has_unsent_order (self) &&
         (self->desk == NULL || !pkio_desk_can_keep_draft (self->desk, self->order));
}

static void
discard_for_next_response_cb (PkioWindow *self,
                              const char *response)
{
  if (g_strcmp0 (response, "discard") == 0)
    _pkio_window_clear_for_next_applicant (self);
}

static void
assistant_new_order_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);
  PkioQuestionResponse responses[] = {
    { "cancel", _("_Keep Editing"), ADW_RESPONSE_DEFAULT },
    { "discard", _("_Discard and Start Over"), ADW_RESPONSE_DESTRUCTIVE },
  };

  if (!next_applicant_loses_order (self))
    {
      _pkio_window_clear_for_next_applicant (self);
      return;
    }

  pkio_question_present (widget, _("Discard This Order?"),
                         _("It cannot be kept as a draft: starting a new order loses what was entered."),
                         responses, G_N_ELEMENTS (responses), "cancel", "cancel",
                         G_CALLBACK (discard_for_next_response_cb), self);
}

static void
assistant_submit_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);

  if (_pkio_window_on_page (self, "review"))
    go_next (self);
}

static void
idle_keep_working_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PkioWindow *self = PKIO_WINDOW (widget);

  /* The banner shows only once the desk is taken. */
  if (self->desk != NULL)
    pkio_desk_note_activity (self->desk);
}

/* Called whenever the assistant's state changes. */
void
_pkio_window_update_actions (PkioWindow *self)
{
  gboolean applying = pkio_assistant_get_applying (self->assistant);
  PkioPage *page = pkio_assistant_get_current_page (self->assistant);
  /* An order already in the outbox or placed has nothing left to submit;
   * Review says where it is, so Submit is off with its reason in view. */
  gboolean submitted = _pkio_window_on_page (self, "review") &&
                       pkio_review_page_get_submitted (PKIO_REVIEW_PAGE (page));

  /* Ctrl+Enter places the order from the review page, and only there: on
   * any other page it would skip the review. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.submit",
                                 _pkio_window_on_page (self, "review") && !submitted &&
                                 pkio_assistant_get_has_next (self->assistant) && !applying);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.new-order", !applying);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.back",
                                 pkio_assistant_get_can_go_back (self->assistant));
  /* Next is never off without a reason in view: on an incomplete page it
   * shows every problem and takes the focus to the first (see
   * assistant_next_action()). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next",
                                 pkio_assistant_get_has_next (self->assistant) && !applying &&
                                 !submitted);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.cancel", applying);
}

void
_pkio_window_class_actions_init (PkioWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
