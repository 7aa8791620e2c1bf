-- A trained style is licensed work that buyers have paid to use: the database refuses to delete
-- it, whatever the code path. (Styles with generations are protected by the generations
-- foreign key, ON DELETE RESTRICT.)
CREATE TRIGGER `styles_trained_not_deletable`
BEFORE DELETE ON `styles`
WHEN OLD.`status` = 'completed'
BEGIN
	SELECT RAISE(ABORT, 'STYLE_TRAINED_NOT_DELETABLE');
END;
