/* pkio-question.h
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

#include <adwaita.h>

#include "pkio-settings.h"

G_BEGIN_DECLS

/* One answer of a question: its id, its mnemonic label and its look. */
typedef struct
{
  const char          *id;
  const char          *label;
  AdwResponseAppearance appearance;
} PkioQuestionResponse;

/* @answered has the "response" signal's shape, swapped:
 * void (*) (gpointer data, const char *response, GtkWidget *dialog). */
void pkio_question_present (GtkWidget                  *parent,
                            const char                 *heading,
                            const char                 *body,
                            const PkioQuestionResponse *responses,
                            guint                       n_responses,
                            const char                 *default_response,
                            const char                 *close_response,
                            GCallback                   answered,
                            gpointer                    data);

void pkio_question_leave_practice (GtkWidget    *parent,
                                  PkioSettings *settings);

/* The longest toast title, in characters, that a narrow window shows
 * whole: a longer text is given a short title and a Details button. */
#define PKIO_TOAST_TITLE_MAX 48

AdwToast *pkio_toast_new              (const char *text);
AdwToast *pkio_toast_new_for_message (GtkWidget  *parent,
                                      const char *title,
                                      const char *message);
AdwToast *pkio_toast_new_with_details (GtkWidget  *parent,
                                       const char *title,
                                       const char *message);
void      pkio_toast_speak            (GtkWidget  *parent,
                                       AdwToast   *toast);

G_END_DECLS
