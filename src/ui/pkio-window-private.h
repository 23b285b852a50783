/* pkio-window-private.h
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

#include "pkio-desk.h"
#include "pkio-history.h"
#include "pkio-token-panel.h"
#include "pkio-window.h"

G_BEGIN_DECLS

/* The window is split over files that share this header, as
 * gnome-text-editor's: pkio-window.c shows (pages, banners, toasts,
 * drafts of the order on screen), pkio-window-actions.c holds its actions
 * and their keys. What runs beside it (the order book, the network watch,
 * notifications, the idle count and when to clear, and what clearing
 * keeps as a draft and forgets of the order) is the desk's (pkio-desk.c). */
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
  GtkWidget            *token_button;
  PkioTokenPanel       *token_panel;
  GtkWidget            *focus_before_tokens;   /* weak */

  /* The wizard's pages, owned by the assistant, in step order */
  GPtrArray            *pages;

  /* Owned references */
  PkioOrder            *order;
  PkioSettings         *settings;
  PkioAccount          *account;      /* the application's, or the window's own */
  GCancellable         *cancellable;

  /* Drafts, outbox and history, opened by the desk the first time they
   * are needed; the book's from then on, the others set once it is loaded.
   * The desk is taken once the window is made (ensure_desk()). */
  PkioDesk             *desk;
  PkioOrderBook        *book;
  PkioDraftStore       *drafts;
  PkioHistory          *history;
  PkioOutbox           *outbox;
  guint                 orders_loading;
  gboolean              present_when_loaded;
  char                 *draft_id;     /* the draft the order in progress is saved as */
  char                 *start_country; /* the desk's country when the order started */
  AdwToast             *draft_toast;  /* "continue where you left off", while shown */
  GPtrArray            *toasts;       /* shown or waiting: dismissed for an urgent one */

  guint                 spinner_source;
  guint                 build_source;   /* builds the steps after the first frame */
  guint                 discard_confirmed : 1;
  guint                 key_checked : 1;   /* the keyring was asked once */

  /* The desk's warning before it clears for the next applicant */
  GtkRevealer          *idle_banner;
  GtkLabel             *idle_banner_label;
};

/* pkio-window.c */
gboolean _pkio_window_on_page                  (PkioWindow    *self,
                                                const char    *page_id);
PkioPage *_pkio_window_page_for_step           (PkioWindow    *self,
                                                PkioOrderStep  step);
void     _pkio_window_continue_draft           (PkioWindow    *self,
                                                const char    *id);
gboolean _pkio_window_has_unsent_order         (PkioWindow    *self);
void     _pkio_window_clear_for_next_applicant (PkioWindow    *self);

/* pkio-window-actions.c */
void     _pkio_window_class_actions_init       (PkioWindowClass *klass);
void     _pkio_window_update_actions           (PkioWindow      *self);


/* For tests: the idle timeout without waiting minutes. */
void     pkio_window_set_idle_unit          (PkioWindow *self,
                                             guint       unit_ms);
gboolean pkio_window_is_idle_warning_shown  (PkioWindow *self);
void     pkio_window_note_activity          (PkioWindow *self);

G_END_DECLS
