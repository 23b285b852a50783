/* pkio-test-ui.h
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

#include "pkio-simulator.h"
#include "pkio-test-utils.h"
#include "pkio-window.h"

G_BEGIN_DECLS

/* For pkio_test_ui_find(): whether @widget is the one sought. */
typedef gboolean (*PkioTestWidgetMatch) (GtkWidget     *widget,
                                         gconstpointer  data);

/* A registration desk practising against its own simulator: what the
 * desk tests (test-desk, test-keys, test-identity) share. */
typedef struct
{
  PkioSimulator *simulator;
  PkioSettings  *settings;
  PkioAccount   *account;    /* practising against the simulator */
  GSettings     *gsettings;
  PkioWindow    *window;
  PkioOrder     *order;
  PkioAssistant *assistant;
} PkioTestDesk;

GtkWidget *pkio_test_ui_find                (GtkWidget           *root,
                                            PkioTestWidgetMatch  match,
                                            gconstpointer        data);
GtkWidget *pkio_test_ui_find_named          (GtkWidget           *root,
                                            const char          *name);
void     pkio_test_ui_iterate_until_idle   (void);
gboolean pkio_test_ui_wait_until           (PkioTestCondition  condition,
                                            gpointer           data,
                                            guint              seconds);
void     pkio_test_ui_present              (GtkWindow         *window);
void     pkio_test_ui_destroy_and_finalize (GtkWindow         *window);
GtkWidget *pkio_test_ui_get_text_box        (GtkWidget         *widget);
char    *pkio_test_ui_dup_accessible_name  (GtkWidget         *widget);
char    *pkio_test_ui_dup_choice           (GtkDropDown       *dropdown);
gboolean pkio_test_ui_check_ok             (char              *check_result);

void       pkio_test_ui_init                 (int               *argc,
                                              char            ***argv);
gboolean   pkio_test_ui_orders_loaded        (gpointer           window);
void       pkio_test_ui_wait_orders_loaded   (PkioWindow        *window);
GtkWidget *pkio_test_ui_find_button          (GtkWidget         *root,
                                              const char        *label);
GtkWidget *pkio_test_ui_find_of_type         (GtkWidget         *root,
                                              GType              type);
GtkWidget *pkio_test_ui_find_actionable      (GtkWidget         *root,
                                              const char        *action_name);
GtkWidget *pkio_test_ui_find_dialog          (GtkWidget         *widget);
gboolean   pkio_test_ui_shows_label          (gpointer           text);
GtkWidget *pkio_test_ui_find_question_button (const char        *label);
void       pkio_test_ui_answer_question      (const char        *label);
GtkWidget *pkio_test_ui_find_row             (GtkWidget         *root,
                                              const char        *title);
GtkWidget *pkio_test_ui_page_row             (PkioWindow        *window,
                                              const char        *page_id,
                                              const char        *title);
void       pkio_test_ui_wait_settled         (GtkWidget         *widget);
char      *pkio_test_ui_wait_review_telephone (GtkWidget        *review,
                                               const char       *telephone);
gboolean   pkio_test_ui_try_settle           (GtkWidget         *widget);
void       pkio_test_ui_save_screenshot      (GtkWidget         *widget,
                                              const char        *name);
PkioWindow *pkio_test_ui_new_practice_window (const char        *url,
                                              int                height,
                                              PkioSettings     **settings,
                                              PkioAccount      **account);
void       pkio_test_desk_setup              (PkioTestDesk      *desk,
                                              const char        *ship_method,
                                              const char        *payment_method,
                                              guint              validity_years);
void       pkio_test_desk_open               (PkioTestDesk      *desk,
                                              const char        *url,
                                              int                height);
void       pkio_test_desk_teardown           (PkioTestDesk      *desk);

G_END_DECLS
