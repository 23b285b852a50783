/* pkio-choice-row.h
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

G_BEGIN_DECLS

#define PKIO_TYPE_CHOICE_ROW (pkio_choice_row_get_type ())

G_DECLARE_FINAL_TYPE (PkioChoiceRow, pkio_choice_row, PKIO, CHOICE_ROW, AdwActionRow)

GtkWidget   *pkio_choice_row_new              (const char         *title,
                                               const char * const *choices);
GListModel  *pkio_choice_row_get_model        (PkioChoiceRow      *self);
void         pkio_choice_row_set_model        (PkioChoiceRow      *self,
                                               GListModel         *model);
guint        pkio_choice_row_get_selected     (PkioChoiceRow      *self);
void         pkio_choice_row_set_selected     (PkioChoiceRow      *self,
                                               guint               position);
gboolean     pkio_choice_row_get_use_subtitle (PkioChoiceRow      *self);
GtkDropDown *pkio_choice_row_get_drop_down    (PkioChoiceRow      *self);

G_END_DECLS
